/**
 * What a worktree task changed against its base: the commits the agent made on its branch, its
 * uncommitted edits and its new files, all at once, as the difference between the base commit
 * and a snapshot of the worktree (snapshot.ts). Ignored files (build output, the copied `.env`)
 * are not changes.
 */
import { type ChangedFile, parseChanges } from '../../core/worktree';
import { git, gitBytes } from './git';
import { snapshotTree } from './snapshot';

export interface WorktreeState {
  path: string;
  base: string;
}

const DIFF = ['diff', '--no-renames', '--no-ext-diff', '--no-textconv'] as const;

export async function changedFiles(worktree: WorktreeState): Promise<ChangedFile[]> {
  const tree = await snapshotTree(worktree.path);
  const cwd = worktree.path;
  const [names, counts] = await Promise.all([
    git([...DIFF, '--name-status', '-z', worktree.base, tree], { cwd }),
    git([...DIFF, '--numstat', '-z', worktree.base, tree], { cwd }),
  ]);
  return parseChanges(names.stdout, counts.stdout);
}

/** The patch (or with `stat`, git's diffstat), for a person to read. */
export async function diffText(worktree: WorktreeState, options: { stat?: boolean } = {}): Promise<string> {
  const tree = await snapshotTree(worktree.path);
  const format = options.stat ? ['--stat'] : ['--binary'];
  return (await git([...DIFF, ...format, worktree.base, tree], { cwd: worktree.path })).stdout;
}

/** A file as it was at the base (for the editor's diff); null when the base has no such file. */
export async function baseContent(repo: string, base: string, relPath: string): Promise<Buffer | null> {
  const spec = `${base}:${relPath.replace(/\\/g, '/')}`;
  const { code } = await git(['cat-file', '-e', spec], { cwd: repo, okCodes: [1, 128] });
  return code === 0 ? gitBytes(['cat-file', 'blob', spec], { cwd: repo }) : null;
}
