/**
 * Removing a worktree: unregister it from its repository, delete its folder (with whatever was in
 * it — callers ask first: see worktreeService.ts), and delete its branch. Each step tolerates
 * the previous attempt's crash (a folder already gone, a branch already deleted).
 */
import { existsSync } from 'node:fs';
import { removeTree } from './files';
import { git } from './git';
import type { LedgerEntry } from './ledger';
import { branchTip } from './repository';

export interface RemoveOptions {
  /**
   * `delete`: the branch goes whatever it holds (discard: the user said so). `if-unchanged`: it
   * goes only if it still points at the base, so commits of a task deleted behind our back stay.
   */
  branch: 'delete' | 'if-unchanged';
}

/** Returns false when the branch was kept because it holds commits. */
export async function removeWorktree(
  entry: Omit<LedgerEntry, 'taskId'>,
  options: RemoveOptions,
): Promise<boolean> {
  const cwd = entry.repo;
  if (existsSync(entry.path)) {
    // Exit 128: not (or no longer) a registered worktree; the folder is removed below either way.
    await git(['worktree', 'remove', '--force', '--force', entry.path], { cwd, okCodes: [128] });
    await removeTree(entry.path);
  }
  await git(['worktree', 'prune'], { cwd });
  const tip = await branchTip(cwd, entry.branch);
  if (tip === null) return true;
  if (options.branch === 'if-unchanged' && tip !== entry.base) return false;
  await git(['branch', '-D', entry.branch], { cwd });
  return true;
}
