/**
 * Making a task's worktree when the task starts (called by launch/taskStarter.ts, before the
 * supervisor): `git worktree add -b dispatch/<id> <root>/<id> <base>`, then the untracked files
 * that `dispatch.worktree.copyFiles` names. The setup command is not run here but by the
 * supervisor, which owns the task's log.
 *
 * Crash safety: the ledger record is written first, so a worktree made by an engine that died
 * is always found again. A task whose engine died mid-creation is requeued by recovery; its next
 * start removes what the dead attempt left at its path and starts over. An existing branch is
 * never overwritten: `dispatch/<id>` is reused only when it still points at the base (a dead
 * attempt's, with nothing on it); any other existing branch fails the task with a clear reason.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { folderInWorktree, ownsWorktree } from '../../core/worktree';
import { copyUntrackedFiles } from './copyFiles';
import { removeTree } from './files';
import { git } from './git';
import { writeLedger } from './ledger';
import { branchTip, realFolder, repositoryRoot } from './repository';

export interface PreparedWorktree {
  /** Where the agent runs: the task's folder inside the worktree. */
  folder: string;
  /** The worktree's top folder (where a setup command runs). */
  root: string;
  /** True when this call made the worktree (a reply reuses one, and runs no setup). */
  created: boolean;
  /** Untracked files copied in. */
  copied: string[];
}

export interface PrepareOptions {
  outputDir: string;
  copyFiles: readonly string[];
}

export async function prepareWorktree(task: Task, options: PrepareOptions): Promise<PreparedWorktree> {
  const { worktreePath, worktreeBranch, worktreeBase } = task;
  if (!worktreePath || !worktreeBranch || !worktreeBase) {
    throw new DispatchError('invalid-input', `task ${task.id} has no worktree`);
  }
  const repo = await repositoryRoot(task.cwd);
  const folder = folderInWorktree(worktreePath, repo, realFolder(task.cwd));
  // A reply continues in the worktree of the task it answers; a task resumed after a usage limit
  // in its own, where its earlier run's changes are.
  if (!ownsWorktree(task) || task.limitResumes > 0) {
    if (!existsSync(worktreePath)) {
      throw new DispatchError(
        'not-found',
        `the worktree ${worktreePath} this task continues in is gone (was it discarded?)`,
      );
    }
    return { folder, root: worktreePath, created: false, copied: [] };
  }
  writeLedger(options.outputDir, {
    taskId: task.id,
    repo,
    path: worktreePath,
    branch: worktreeBranch,
    base: worktreeBase,
  });
  if (existsSync(worktreePath)) await removeLeftover(repo, worktreePath);
  await mkdir(path.dirname(worktreePath), { recursive: true });
  const tip = await branchTip(repo, worktreeBranch);
  if (tip === null) {
    await git(['worktree', 'add', '--quiet', '-b', worktreeBranch, worktreePath, worktreeBase], {
      cwd: repo,
    });
  } else if (tip === worktreeBase) {
    await git(['worktree', 'add', '--quiet', worktreePath, worktreeBranch], { cwd: repo });
  } else {
    throw new DispatchError(
      'git-failed',
      `the branch ${worktreeBranch} already exists at ${tip.slice(0, 12)} and dispatch never overwrites a branch: ` +
        `rename or delete it (git branch -m / -D ${worktreeBranch}), then retry the task`,
    );
  }
  const copied = await copyUntrackedFiles(repo, worktreePath, options.copyFiles);
  return { folder, root: worktreePath, created: true, copied };
}

/** What an attempt that died left at `worktree`: unregister it (even if locked) and delete it. */
async function removeLeftover(repo: string, worktree: string): Promise<void> {
  await git(['worktree', 'remove', '--force', '--force', worktree], { cwd: repo, okCodes: [128] });
  await removeTree(worktree);
  await git(['worktree', 'prune'], { cwd: repo });
}
