/**
 * What every CLI command needs: the workspace, the state directory and the settings — resolved
 * the same way the extension resolves them, so the CLI and the editor share one queue.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { DispatchConfig } from '../core/config';
import { DispatchError } from '../core/errors';
import { Engine, type EngineOptions } from '../engine/engine';
import type { EngineLog } from '../engine/engineLog';
import { defaultStateDir } from '../store';
import { loadWorkspaceSettings } from './settings';

export interface CliContext {
  workspace: string;
  stateDir: string;
  config: DispatchConfig;
  log: EngineLog;
  openEngine(extra?: Partial<EngineOptions>): Promise<Engine>;
}

export const stderrLog: EngineLog = {
  info: () => {},
  warn: (m) => process.stderr.write(`dispatch: warning: ${m}\n`),
  error: (m) => process.stderr.write(`dispatch: error: ${m}\n`),
};

export function createContext(values: Record<string, string | boolean | undefined>): CliContext {
  const workspace = path.resolve(typeof values.workspace === 'string' ? values.workspace : process.cwd());
  let isDir = false;
  try {
    isDir = statSync(workspace).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new DispatchError('invalid-input', `the workspace folder ${workspace} does not exist`);
  const settings = loadWorkspaceSettings(workspace);
  for (const problem of settings.problems) stderrLog.warn(`${settings.file}: ${problem.message}`);
  const fromFlag = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const fromEnv = process.env.DISPATCH_STATE_DIR || undefined;
  const fromSettings = settings.config.stateDirectory || undefined;
  const chosen = fromFlag ?? fromEnv ?? fromSettings;
  const stateDir = chosen ? path.resolve(workspace, chosen) : defaultStateDir(workspace);
  const config = settings.config;
  return {
    workspace,
    stateDir,
    config,
    log: stderrLog,
    openEngine: (extra) =>
      Engine.open({
        stateDir,
        workspace,
        config: () => config,
        kind: 'cli',
        log: stderrLog,
        // A window or `dispatch worker` with another PATH may run the agent: warn, do not refuse.
        unavailableAgents: 'warn',
        runTasks: false,
        ...extra,
      }),
  };
}
