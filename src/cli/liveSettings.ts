/**
 * `dispatch worker` keeps its settings current as an editor window does: it re-reads
 * `.vscode/settings.json` when the file changes, so a raised daily budget or maxWorkers applies
 * without a restart. A stat a second (fs.watchFile) rather than fs.watch: editors save by
 * renaming, and the file may not exist yet. A file that no longer parses keeps the last good
 * settings, with a warning.
 */
import { unwatchFile, watchFile } from 'node:fs';
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
  watchFile(file, { interval: POLL_MS, persistent: false }, (now, before) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) reload();
  });
  return { dispose: () => unwatchFile(file) };
}
