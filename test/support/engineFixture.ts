/**
 * An in-process engine on a temp state directory with the fake agents configured, for unit tests
 * of the engine. Real supervisors, real agent processes, real sql.js; only the model is fake.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DispatchConfig, parseConfig } from '../../src/core/config';
import { Engine, type EngineOptions } from '../../src/engine/engine';
import { openStateStore, type StateStore } from '../../src/store';
import { supervisorBundle } from './bundles';
import { ANY_LEVEL, fakeAgent } from './cli';

export interface EngineFixture {
  workspace: string;
  config: DispatchConfig;
  engine: Engine;
  /**
   * Another store on the engine's state directory, as a second process would hold it, for tests
   * that set up states the engine's API does not make (the engine hands out only a reader).
   */
  openStore(): Promise<StateStore>;
  dispose(): Promise<void>;
}

export async function openTestEngine(
  settings: Record<string, unknown> = {},
  options: Partial<EngineOptions> = {},
): Promise<EngineFixture> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-engine-'));
  const { config, problems } = parseConfig({
    outputFlushIntervalMs: 100,
    killGraceMs: 300,
    agents: {
      fake: {
        command: process.execPath,
        args: [fakeAgent('fake-agent.js'), '${prompt}'],
        autonomyArgs: ANY_LEVEL,
      },
      record: {
        command: process.execPath,
        args: [fakeAgent('record-run.js'), '50', '${prompt}'],
        env: { RECORD_FILE: path.join(workspace, 'runs.txt') },
      },
    },
    ...settings,
  });
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  const engine = await Engine.open({
    stateDir: path.join(workspace, '.vscode', 'dispatch'),
    workspace,
    config: () => config,
    kind: 'test',
    tickMs: 200,
    // The machine running the tests may be busy: admission is tested on its own.
    resources: { admit: () => ({ admitted: true }) },
    supervisorScript: supervisorBundle,
    ...options,
  });
  const stores: StateStore[] = [];
  return {
    workspace,
    config,
    engine,
    async openStore() {
      const store = await openStateStore({ dir: engine.state.dir });
      stores.push(store);
      return store;
    },
    async dispose() {
      for (const store of stores) store.dispose();
      await engine.dispose();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
