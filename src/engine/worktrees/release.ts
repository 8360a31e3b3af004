/**
 * Before finished tasks are deleted (Clear Finished, Delete, retention), their worktrees go —
 * but never one whose changes were not applied without the caller's say-so (issue 14: nothing is
 * lost). A worktree still used by a task that stays (a reply) is left to that task.
 */
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import type { StateStore } from '../../store';
import type { WorktreeService } from './worktreeService';

/** What to do about tasks whose worktrees hold unapplied changes: refuse (throw), keep them, or delete anyway. */
export type UnappliedPolicy = 'refuse' | 'keep' | 'delete';

export class UnappliedChangesError extends DispatchError {
  constructor(readonly taskIds: readonly string[]) {
    const shown =
      taskIds.length > 5
        ? `${taskIds.slice(0, 5).join(', ')} and ${taskIds.length - 5} more`
        : taskIds.join(', ');
    super(
      'unapplied-changes',
      `${taskIds.length === 1 ? 'task' : 'tasks'} ${shown} ${taskIds.length === 1 ? 'has' : 'have'} changes in ${taskIds.length === 1 ? 'its worktree' : 'their worktrees'} that were never applied: ` +
        'apply or discard them first (dispatch apply / dispatch discard), or delete them anyway',
    );
  }
}

/**
 * Removes the worktrees of `ids` that can go and returns the ids that may now be deleted (all of
 * them, unless `keep` held some back). Throws UnappliedChangesError under `refuse`.
 */
export async function releaseWorktrees(
  service: WorktreeService,
  store: StateStore,
  ids: readonly string[],
  policy: UnappliedPolicy,
): Promise<string[]> {
  const doomed = new Set(ids);
  const byPath = new Map<string, Task[]>();
  store.read((r) => {
    for (const id of ids) {
      const task = r.tasks.get(id);
      if (!task?.worktreePath || task.worktreeRemovedAt !== null) continue;
      if (r.tasks.sharingWorktree(task.worktreePath).some((t) => !doomed.has(t.id))) continue;
      byPath.set(task.worktreePath, [...(byPath.get(task.worktreePath) ?? []), task]);
    }
  });
  // One task stands for each worktree (the tasks sharing one were all run in it).
  const clean: Task[] = [];
  const unapplied: Task[][] = [];
  for (const tasks of byPath.values()) {
    if (await service.hasUnappliedChanges(tasks[0]!)) unapplied.push(tasks);
    else clean.push(tasks[0]!);
  }
  const unappliedIds = unapplied.flat().map((t) => t.id);
  if (unappliedIds.length > 0 && policy === 'refuse') throw new UnappliedChangesError(unappliedIds);
  const removing = policy === 'delete' ? [...clean, ...unapplied.map((tasks) => tasks[0]!)] : clean;
  for (const task of removing) await service.remove(task, 'delete');
  const kept = new Set(policy === 'keep' ? unappliedIds : []);
  return ids.filter((id) => !kept.has(id));
}
