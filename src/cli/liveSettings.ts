/**
 * `dispatch worker` keeps its settings current as an editor window does: it re-reads
 * `.vscode/settings.json` when the file changes, so a raised daily budget or maxWorkers applies
 * without a restart. A stat a second rather than fs.watch: editors save by renaming, and the file
 * may not exist yet. The first stat is taken here, synchronously: fs.watchFile takes its own
 * later, and would miss a save made in between. A file that no longer parses keeps the last good
 * settings, with a warning.
 */
import { statSync } from 'node:fs';
import type { DispatchConfig } from '../core/config';
import { messageOf } from '../core/errors';
import type { EngineLog } from '../engine/engineLog';
import { loadWorkspaceSettings, settingsFileOf } from './settings';

const POLL_MS = 1000;

export function watchWorkspaceSettings(
  workspace: string,
  onChange: (config: DispatchConfig) => void,
  log: EngineLog,
): { dispose(): void } {
  const reload = () => {
    try {
      const settings = loadWorkspaceSettings(workspace);
      for (const problem of settings.problems) log.warn(`${settings.file}: ${problem.message}`);
      log.info(`settings re-read from ${settings.file}`);
      onChange(settings.config);
    } catch (err) {
      log.warn(`${messageOf(err)}; keeping the settings read before`);
    }
  };
  const file = settingsFileOf(workspace);
  const version = () => {
    try {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat ? `${stat.mtimeMs}:${stat.size}` : 'none';
    } catch (err) {
      // Unreadable (a folder's permissions changed): reload() says why, once per change.
      return `error ${(err as NodeJS.ErrnoException).code}`;
    }
  };
  let seen = version();
  const timer = setInterval(() => {
    const now = version();
    if (now === seen) return;
    seen = now;
    reload();
  }, POLL_MS);
  timer.unref();
  return { dispose: () => clearInterval(timer) };
}
