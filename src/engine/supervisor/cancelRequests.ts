/**
 * The two ways a cancel reaches a supervisor: SIGTERM/SIGINT from an engine on this host (which
 * verified the PID and its start time first), or the file `<taskId>.cancel` appearing — which
 * also works from another host on a shared folder and on Windows, where there are no signals to
 * send. The file is watched through its directory and polled, as fs.watch can miss events.
 */
import { existsSync, type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

export interface CancelRequests {
  dispose(): void;
}

export function watchCancelRequests(options: {
  cancelFile: string;
  pollMs: number;
  onCancel: (how: string) => void;
}): CancelRequests {
  let fired = false;
  const fire = (how: string) => {
    if (fired) return;
    fired = true;
    options.onCancel(how);
  };
  // The log says what happened in the words the views use; which channel brought it is no news.
  const onSignal = () => fire('cancelled');
  const checkFile = () => {
    if (existsSync(options.cancelFile)) fire('cancelled');
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Detached, so no terminal can hang up on it; ignore a stray SIGHUP rather than die silently.
  const ignore = () => {};
  process.on('SIGHUP', ignore);
  let watcher: FSWatcher | undefined;
  try {
    const name = path.basename(options.cancelFile);
    watcher = watch(path.dirname(options.cancelFile), (_event, file) => {
      if (!file || file.toString() === name) checkFile();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined; // the poll still works
  }
  const poll = setInterval(checkFile, options.pollMs);
  checkFile();
  return {
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.off('SIGHUP', ignore);
      watcher?.close();
      clearInterval(poll);
    },
  };
}
