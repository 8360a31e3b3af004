/**
 * Copying the files a worktree lacks: those git does not track (`.env`, local settings) that match
 * `dispatch.worktree.copyFiles`. Only what git lists as untracked or ignored in the repository is
 * considered, so a tracked file is never overwritten and nothing outside the repository is read.
 * Wholly untracked folders (node_modules) are listed by git as one entry and skipped without
 * walking them.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { copyFilesMatcher } from '../../core/worktree';
import { git } from './git';

/** Copies the matching files from `repoRoot` to the same relative paths in `worktree`; returns them. */
export async function copyUntrackedFiles(
  repoRoot: string,
  worktree: string,
  patterns: readonly string[],
): Promise<string[]> {
  if (patterns.length === 0) return [];
  const matches = copyFilesMatcher(patterns);
  const { stdout } = await git(['ls-files', '--others', '--directory', '--no-empty-directory', '-z'], {
    cwd: repoRoot,
  });
  const wanted = stdout.split('\0').filter((p) => p !== '' && !p.endsWith('/') && matches(p));
  for (const rel of wanted) {
    const to = path.join(worktree, rel);
    await mkdir(path.dirname(to), { recursive: true });
    try {
      // Never over a file the worktree already has (one tracked at the base, say).
      await copyFile(path.join(repoRoot, rel), to, constants.COPYFILE_EXCL);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return wanted;
}
