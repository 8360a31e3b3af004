/**
 * Recovery for worktrees (architecture.md §7): every worktree in the ledger (ledger.ts) whose
 * task is gone is removed, and each repository involved gets `git worktree prune`, so a crash
 * between deleting a task and removing its worktree leaves nothing behind. A branch with commits
 * on it is kept (removeWorktree's `if-unchanged`): a commit is never lost to a sweep. A discard
 * that crashed half-way is finished.
 */
import { messageOf } from '../../core/errors';
import type { StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { git } from './git';
import { listLedger, removeLedger } from './ledger';
import { removeWorktree } from './remove';

export interface SweepDeps {
  store: StateStore;
  outputDir: string;
  log: EngineLog;
}

/** Returns the task ids whose worktrees were removed. */
export async function sweepWorktrees({ store, outputDir, log }: SweepDeps): Promise<string[]> {
  const entries = listLedger(outputDir);
  if (entries.length === 0) return [];
  const tasks = store.read((r) => new Map(entries.map((e) => [e.taskId, r.tasks.get(e.taskId)])));
  const swept: string[] = [];
  const repos = new Set<string>();
  for (const entry of entries) {
    repos.add(entry.repo);
    const task = tasks.get(entry.taskId);
    const gone = task === undefined;
    if (!gone && task.worktreeRemovedAt === null) continue;
    try {
      const kept = !(await removeWorktree(entry, { branch: gone ? 'if-unchanged' : 'delete' }));
      if (kept)
        log.warn(
          `worktree of deleted task ${entry.taskId} removed; its branch ${entry.branch} has commits and was kept`,
        );
      removeLedger(outputDir, entry.taskId);
      swept.push(entry.taskId);
    } catch (err) {
      log.warn(`could not remove the worktree ${entry.path} of ${entry.taskId}: ${messageOf(err)}`);
    }
  }
  for (const repo of repos) {
    try {
      await git(['worktree', 'prune'], { cwd: repo });
    } catch (err) {
      log.warn(`git worktree prune in ${repo}: ${messageOf(err)}`);
    }
  }
  return swept;
}
