/**
 * The repository a task's folder belongs to: where its root is and what HEAD is. A worktree task
 * is planned from these at delegate time (its base is HEAD then) and measured against them later.
 */
import { realpathSync } from 'node:fs';
import { DispatchError, isDispatchError } from '../../core/errors';
import { git } from './git';

export interface Repository {
  /** The top folder of the work tree (real path, as git reports it). */
  root: string;
  /** The full commit id of HEAD. */
  head: string;
}

/** Throws 'invalid-input' with one actionable line when `folder` cannot have a worktree. */
export async function repositoryOf(folder: string): Promise<Repository> {
  let root: string;
  try {
    root = (await git(['rev-parse', '--show-toplevel'], { cwd: folder, timeoutMs: 10_000 })).stdout.trim();
  } catch (err) {
    if (isDispatchError(err, 'git-failed') && /not a git repository/i.test(err.message)) {
      throw new DispatchError(
        'invalid-input',
        `${folder} is not in a git repository: a worktree needs one (run \`git init\` and commit, or leave out --worktree)`,
      );
    }
    throw err;
  }
  if (root === '') {
    throw new DispatchError(
      'invalid-input',
      `${folder} is inside a bare git repository: a worktree needs a work tree`,
    );
  }
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    cwd: root,
    okCodes: [1],
  });
  if (head.code !== 0) {
    throw new DispatchError(
      'invalid-input',
      `the git repository at ${root} has no commit yet: a worktree starts from one (commit first)`,
    );
  }
  return { root, head: head.stdout.trim() };
}

/** The repository root of a task's folder, without checking HEAD (the folder may be gone). */
export async function repositoryRoot(folder: string): Promise<string> {
  return (await git(['rev-parse', '--show-toplevel'], { cwd: folder, timeoutMs: 10_000 })).stdout.trim();
}

/** Tracked changes or untracked files: what a new worktree will not have. */
export async function hasUncommittedChanges(root: string): Promise<boolean> {
  const { stdout } = await git(['status', '--porcelain', '--untracked-files=normal'], {
    cwd: root,
    env: { GIT_OPTIONAL_LOCKS: '0' },
  });
  return stdout.trim() !== '';
}

/** The commit a branch points at, or null when there is no such branch. */
export async function branchTip(root: string, branch: string): Promise<string | null> {
  const { stdout, code } = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], {
    cwd: root,
    okCodes: [1],
  });
  return code === 0 ? stdout.trim() : null;
}

/** The path as git will report it (symlinks resolved, e.g. macOS /var → /private/var). */
export function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}
