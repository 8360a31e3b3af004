/**
 * Notices `output/<taskId>.exit` files as supervisors write them, so the owner finishes a task
 * within milliseconds instead of waiting for its next tick. The tick still checks, because
 * fs.watch can miss events (and is unavailable on some file systems).
 */
import { type FSWatcher, watch } from 'node:fs';

export function watchExitRecords(outputDir: string, onExit: (taskId: string) => void): { dispose(): void } {
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(outputDir, (_event, filename) => {
      const name = filename?.toString();
      if (name?.endsWith('.exit')) onExit(name.slice(0, -'.exit'.length));
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined; // the tick's scan still finds exits
  }
  return { dispose: () => watcher?.close() };
}
