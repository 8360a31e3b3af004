/** Small file-system steps the worktree code shares. */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

export function removeIfExists(file: string): void {
  rmSync(file, { force: true });
}

/** A folder and everything in it, if it exists; asynchronous so a big tree never stalls the engine. */
export function removeTree(folder: string): Promise<void> {
  return rm(folder, { recursive: true, force: true, maxRetries: 3 });
}
