/**
 * Hosts this window's engine. activate() must not wait for the database (sql.js starts in
 * ~130–200 ms cold), so the engine opens in the background and views fill in when it is ready.
 * The engine is reopened when the state folder setting changes or the workspace becomes trusted
 * (an untrusted workspace gets a read-only engine: tasks are visible, nothing can start).
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { DispatchError, messageOf } from '../core/errors';
import { Engine } from '../engine/engine';
import { defaultStateDir } from '../store';
import { showErrorWithLogs } from './log';
import type { Settings } from './settings';

export interface EngineHost extends vscode.Disposable {
  /** The engine, once open; undefined before, without a folder, or after a failure. */
  readonly engine: Engine | undefined;
  /** Why there is no engine, in words for a view's message. */
  readonly problem: string | undefined;
  /** Whether this window may start tasks (a trusted workspace with a folder). */
  readonly canRun: boolean;
  /**
   * Fires when the engine opens, closes or is replaced, after every change to the shared state,
   * and when a setting changes how that state reads (`usageLimit.autoResume`: what a pause says).
   */
  readonly onDidChange: vscode.Event<void>;
  /** The open engine, or a DispatchError saying why there is none. */
  require(): Promise<Engine>;
}

/**
 * `openAfter`: the engine opens once it settles (the output panels being restored after a
 * reload go first: outputPanel/restoreGate.ts). Default: at once, after activate() returns.
 */
export function createEngineHost(
  settings: Settings,
  log: vscode.LogOutputChannel,
  openAfter: Promise<void> = Promise.resolve(),
): EngineHost {
  const emitter = new vscode.EventEmitter<void>();
  let engine: Engine | undefined;
  let opening: Promise<Engine | undefined> | undefined;
  let problem: string | undefined;
  let subscription: { dispose(): void } | undefined;
  let disposed = false;

  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const canRun = () => vscode.workspace.isTrusted && folder()?.scheme === 'file';

  const stateDirFor = (workspace: string) => {
    const configured = settings.current.stateDirectory;
    return configured ? path.resolve(workspace, configured) : defaultStateDir(workspace);
  };

  async function open(): Promise<Engine | undefined> {
    const uri = folder();
    if (uri?.scheme !== 'file') {
      problem = uri ? 'Agent Dispatch needs a folder on disk.' : 'Open a folder to delegate tasks.';
      emitter.fire();
      return undefined;
    }
    const workspace = uri.fsPath;
    const started = performance.now();
    try {
      const opened = await Engine.open({
        stateDir: stateDirFor(workspace),
        workspace,
        config: () => settings.current,
        kind: 'window',
        // This window runs what it queues, so an agent it cannot run is refused, not queued.
        unavailableAgents: 'refuse',
        label: `window ${vscode.env.sessionId.slice(0, 8)}`,
        log,
        runTasks: canRun(),
      });
      if (disposed) {
        await opened.dispose();
        return undefined;
      }
      engine = opened;
      problem = undefined;
      subscription = opened.onDidChange(() => emitter.fire());
      // The bench reads "opened in": what activate() would cost if it waited for the engine.
      log.info(
        `engine ${opened.id} on ${opened.state.dir}${canRun() ? '' : ' (read-only: untrusted workspace)'}, ` +
          `opened in ${(performance.now() - started).toFixed(1)} ms`,
      );
    } catch (err) {
      problem = `Agent Dispatch could not open its state: ${messageOf(err)}`;
      log.error(problem);
      void showErrorWithLogs(log, problem);
    }
    emitter.fire();
    return engine;
  }

  async function reopen(): Promise<void> {
    const old = engine;
    engine = undefined;
    subscription?.dispose();
    await old?.dispose();
    opening = open();
    await opening;
  }

  // After activate() returns: even the synchronous start of opening (creating the state folder,
  // loading sql.js) measured 4–6 ms, a tenth of the activation budget.
  opening = openAfter.then(() => new Promise((resolve) => setImmediate(resolve))).then(open);
  const listeners = [
    settings.onDidChange((keys) => {
      if (keys.includes('stateDirectory')) void reopen();
      else engine?.poke(); // e.g. a raised maxWorkers starts queued tasks at once
      if (keys.includes('usageLimit.autoResume')) emitter.fire();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void reopen()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void reopen()),
  ];

  return {
    get engine() {
      return engine;
    },
    get problem() {
      return problem;
    },
    get canRun() {
      return canRun();
    },
    onDidChange: emitter.event,
    async require() {
      const ready = engine ?? (await opening);
      if (!ready) throw new DispatchError('invalid-input', problem ?? 'Agent Dispatch is not ready.');
      return ready;
    },
    dispose() {
      disposed = true;
      for (const l of listeners) l.dispose();
      subscription?.dispose();
      // Running tasks live in their supervisors; another window (or this one, reloaded) adopts them.
      void engine?.dispose();
      emitter.dispose();
    },
  };
}
