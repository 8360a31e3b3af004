/**
 * A tree object of a work tree exactly as it is on disk — committed, modified and new untracked
 * files alike (ignored ones excepted) — made without touching its real index: the index is copied
 * to a temporary file (so git's stat cache still spares it re-reading unchanged files), then
 * `git add -A` and `git write-tree` run on the copy through GIT_INDEX_FILE. The user's staging,
 * or the agent's, is left exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeIfExists } from './files';
import { git } from './git';

export async function snapshotTree(workTree: string): Promise<string> {
  const index = (
    await git(['rev-parse', '--path-format=absolute', '--git-path', 'index'], { cwd: workTree })
  ).stdout.trim();
  const temp = path.join(tmpdir(), `dispatch-index-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    try {
      await copyFile(index, temp);
    } catch (err) {
      // A work tree without an index yet: git starts an empty one.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const env = { GIT_INDEX_FILE: temp };
    await git(['add', '--all', '--', ':/'], { cwd: workTree, env });
    return (await git(['write-tree'], { cwd: workTree, env })).stdout.trim();
  } finally {
    removeIfExists(temp);
    removeIfExists(`${temp}.lock`);
  }
}
