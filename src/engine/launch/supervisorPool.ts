/**
 * Starts supervisors, keeping one warm spare ready. A cold supervisor costs a Node start-up
 * (~50 ms here) before the agent can even be spawned, which dominated the delegate → agent
 * latency. A spare is a supervisor process started ahead of time with an IPC channel, waiting for
 * its task; handing it the spec takes well under a millisecond. It then drops the channel and is
 * exactly as detached as a cold one. The agent's environment goes over the channel, never to disk.
 *
 * A spare lives only while this engine lives and is busy: it exits when the engine disconnects
 * (including when the engine dies) or after `idleMs` without a launch, so an idle window does not
 * keep a Node process around.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { processStartTime } from '../../store';
import { SUPERVISOR_UNSAFE_ENV } from '../supervisor/spec';
import {
  type LaunchSupervisorOptions,
  type PreparedLaunch,
  prepareLaunch,
  resolveSupervisorScript,
  type SupervisorHandle,
  spawnSupervisor,
} from './launcher';

export interface SupervisorPool {
  launch(options: LaunchSupervisorOptions): SupervisorHandle;
  dispose(): void;
}

export interface SupervisorPoolOptions {
  /** Where spares wait (their working folder): the state directory's output folder. */
  outputDir: string;
  execPath?: string;
  supervisorScript?: string;
  /** A spare unused this long exits. Default 2 minutes. */
  idleMs?: number;
  /** Start a spare before the first launch too (else only after one). Default false. */
  warmAtStart?: boolean;
}

/** The message a spare waits for (see supervisor/main.ts). */
export interface SpareJob {
  type: 'run';
  specFile: string;
  env: NodeJS.ProcessEnv;
}

interface Spare {
  child: ChildProcess;
  handle: SupervisorHandle;
  idle: NodeJS.Timeout;
}

export function createSupervisorPool(options: SupervisorPoolOptions): SupervisorPool {
  const execPath = options.execPath ?? process.execPath;
  const script = options.supervisorScript ?? resolveSupervisorScript();
  const idleMs = options.idleMs ?? 120_000;
  let spare: Spare | undefined;
  let disposed = false;

  const retire = (s: Spare | undefined) => {
    if (!s) return;
    clearTimeout(s.idle);
    if (spare === s) spare = undefined;
    if (s.child.connected) s.child.disconnect(); // the spare exits on disconnect
  };

  const startSpare = () => {
    if (disposed || spare) return;
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    for (const name of SUPERVISOR_UNSAFE_ENV) delete env[name];
    let child: ChildProcess;
    try {
      child = spawn(execPath, [script, '--spare'], {
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        env,
        cwd: options.outputDir,
        windowsHide: true,
      });
    } catch {
      return; // launches fall back to cold starts
    }
    child.on('error', () => retire(spare?.child === child ? spare : undefined));
    if (child.pid === undefined) return;
    // Neither the child nor its channel may keep this process (a CLI, a test) alive.
    child.unref();
    child.channel?.unref();
    const created: Spare = {
      child,
      handle: { pid: child.pid, start: processStartTime(child.pid) },
      idle: setTimeout(() => retire(created), idleMs),
    };
    created.idle.unref();
    child.once('exit', () => {
      if (spare === created) {
        clearTimeout(created.idle);
        spare = undefined;
      }
    });
    spare = created;
  };

  const handOver = (s: Spare, prepared: PreparedLaunch): boolean => {
    if (!s.child.connected) return false;
    const job: SpareJob = { type: 'run', specFile: prepared.specFile, env: prepared.env };
    try {
      return s.child.send(job);
    } catch {
      return false;
    }
  };

  if (options.warmAtStart) startSpare();

  return {
    launch(launchOptions) {
      const prepared = prepareLaunch({ ...launchOptions, execPath, supervisorScript: script });
      const ready = spare;
      spare = undefined;
      let handle: SupervisorHandle;
      if (ready && handOver(ready, prepared)) {
        clearTimeout(ready.idle);
        handle = ready.handle;
      } else {
        retire(ready);
        handle = spawnSupervisor(prepared);
      }
      // Tasks come in bursts: have the next supervisor ready. Started now, not on setImmediate:
      // while tasks kept finishing and starting, the check phase did not run until the queue was
      // empty, and 198 of 200 launches started cold (engine bench, 2026-11-26). The fork costs
      // the same either way; the task's agent is already on its way, as the job went out first.
      startSpare();
      return handle;
    },
    dispose() {
      disposed = true;
      retire(spare);
    },
  };
}
