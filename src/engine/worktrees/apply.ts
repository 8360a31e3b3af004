/**
 * `dispatch apply`: a worktree task's changes brought into the workspace as uncommitted changes,
 * merged three ways with whatever the user has there (committed since the base, edited, or new),
 * and on any conflict nothing is touched. `git apply --3way --check` cannot promise that (it stops
 * at the first failing hunk and writes conflict markers when it goes on), so the merge is decided
 * first, on objects only:
 *   1. snapshot the task's worktree and the workspace as trees (snapshot.ts; no index touched);
 *   2. make throwaway commits of both on top of the base, and `git merge-tree --write-tree` them:
 *      their merge base is then the base itself, and a conflict names its files and stops here;
 *   3. write the difference between the workspace's snapshot and the merged tree to the work
 *      tree with `git apply`, which is all-or-nothing (a file edited in between makes it refuse).
 * The throwaway commits are unreachable objects that git's gc removes later.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DispatchError } from '../../core/errors';
import type { WorktreeState } from './changes';
import { removeIfExists } from './files';
import { git, gitBytes } from './git';
import { snapshotTree } from './snapshot';

export class ApplyConflictError extends DispatchError {
  constructor(
    readonly taskId: string,
    readonly files: readonly string[],
  ) {
    const shown = files.length > 10 ? [...files.slice(0, 10), `and ${files.length - 10} more`] : files;
    super(
      'apply-conflict',
      `the changes of ${taskId} conflict with the workspace in ${shown.join(', ')}; nothing was changed ` +
        `(commit or stash your edits to those files and apply again, or review with dispatch diff ${taskId})`,
    );
  }
}

export interface ApplyResult {
  /** Repository-relative paths the workspace gained changes in; empty when it already had them. */
  files: string[];
}

/** Commits need an author; none is configured on a fresh machine, and these are never kept. */
const THROWAWAY_IDENTITY = {
  GIT_AUTHOR_NAME: 'dispatch',
  GIT_AUTHOR_EMAIL: 'dispatch@localhost',
  GIT_COMMITTER_NAME: 'dispatch',
  GIT_COMMITTER_EMAIL: 'dispatch@localhost',
};

export async function applyChanges(
  taskId: string,
  worktree: WorktreeState,
  workspaceRoot: string,
): Promise<ApplyResult> {
  const [taskTree, workspaceTree] = [await snapshotTree(worktree.path), await snapshotTree(workspaceRoot)];
  const cwd = workspaceRoot;
  const commit = async (tree: string, what: string) =>
    (
      await git(['commit-tree', tree, '-p', worktree.base, '-m', `dispatch: ${what} of ${taskId}`], {
        cwd,
        env: THROWAWAY_IDENTITY,
      })
    ).stdout.trim();
  const ours = await commit(workspaceTree, 'workspace');
  const theirs = await commit(taskTree, 'changes');
  const merge = await git(['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], {
    cwd,
    okCodes: [1],
  });
  const [merged, ...rest] = merge.stdout.split('\n');
  if (merge.code === 1) {
    throw new ApplyConflictError(taskId, [...new Set(rest.map((l) => l.trim()).filter(Boolean))]);
  }
  // Bytes, not text: a file in another encoding must reach the work tree exactly as it is.
  const patch = await gitBytes(
    ['diff', '--binary', '--no-renames', '--no-ext-diff', workspaceTree, merged!.trim()],
    {
      cwd,
    },
  );
  if (patch.length === 0) return { files: [] };
  const files = await git(['diff', '--name-only', '-z', '--no-renames', workspaceTree, merged!.trim()], {
    cwd,
  });
  const patchFile = path.join(
    tmpdir(),
    `dispatch-apply-${process.pid}-${randomBytes(6).toString('hex')}.patch`,
  );
  try {
    await writeFile(patchFile, patch, { mode: 0o600 });
    await git(['apply', '--whitespace=nowarn', patchFile], { cwd });
  } finally {
    removeIfExists(patchFile);
  }
  return { files: files.stdout.split('\0').filter(Boolean) };
}
