/**
 * The engine's handle on supervisors (architecture.md §6): start one per task, ask one to cancel, read
 * what it left behind. A supervisor is a detached Node process — its own session, no stdio tied
 * to ours, unref'd — so it keeps running when the window or CLI that launched it goes away.
 *
 * Inside VS Code `process.execPath` is Electron; ELECTRON_RUN_AS_NODE=1 makes it plain Node.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DispatchError, messageOf } from '../../core/errors';
import * as records from '../../store';
import { hostName, isAlive, outputFiles, processStartTime, statePaths } from '../../store';
import type { AgentLaunch } from '../agents/types';
import { SUPERVISOR_UNSAFE_ENV, type SupervisorSpecInput, writeSpec } from '../supervisor/spec';

/** Where a state directory keeps task output; a StatePaths fits too. */
export interface OutputPaths {
  readonly outputDir: string;
}

export function outputPathsFor(stateDir: string): OutputPaths {
  return { outputDir: statePaths(stateDir).outputDir };
}

export interface LaunchSupervisorOptions {
  taskId: string;
  paths: OutputPaths;
  launch: AgentLaunch;
  /** The agent's working folder. */
  cwd: string;
  /** dispatch.outputFlushIntervalMs: followers see output at least this often. */
  flushIntervalMs: number;
  /** Output cap keeping the tail (dispatch.maxOutputMB in bytes); 0 = none. */
  maxOutputBytes: number;
  /** dispatch.killGraceMs: SIGTERM → SIGKILL delay on cancel and timeout. */
  killGraceMs: number;
  /** Per-task timeout; null = none. */
  timeoutMs: number | null;
  /** How often the supervisor polls for a cancel file. Default 1000 ms. */
  cancelPollMs?: number;
  /** A new worktree's setup command, run before the agent (see supervisor/spec.ts). */
  setup?: SupervisorSpecInput['setup'];
  /** A loop iteration's check, run after the agent (see supervisor/checkRun.ts). */
  check?: SupervisorSpecInput['check'];
  /** Default: resolveSupervisorScript(). */
  supervisorScript?: string;
  /** The Node (or Electron) executable. Default process.execPath. */
  execPath?: string;
}

/** A supervisor as an engine records it: the PID and its start time (to detect PID reuse). */
export interface SupervisorHandle {
  pid: number;
  start: string | null;
}

/**
 * The supervisor bundle next to this module: the extension and CLI bundles sit beside
 * dist/supervisor.js. Anything else is a broken build. Tests that import the engine from the
 * transpiled out/ tree pass `supervisorScript` (dist/supervisor.js), so they run the shipped bytes.
 */
export function resolveSupervisorScript(fromDir: string = __dirname): string {
  const script = path.join(fromDir, 'supervisor.js');
  if (!existsSync(script)) {
    throw new DispatchError(
      'io',
      `the task supervisor script is missing (looked for ${script}); rebuild with \`npm run build\``,
    );
  }
  return script;
}

/** A task's spec written and its supervisor's environment worked out, ready to start. */
export interface PreparedLaunch {
  taskId: string;
  execPath: string;
  script: string;
  specFile: string;
  stderrFile: string;
  outputDir: string;
  /** The supervisor's environment: the agent's, minus what the supervisor must not run with. */
  env: NodeJS.ProcessEnv;
}

/** Writes `<id>.spec.json` and checks the executables; shared by cold starts and warm spares. */
export function prepareLaunch(options: LaunchSupervisorOptions): PreparedLaunch {
  const { taskId, paths, launch } = options;
  const execPath = options.execPath ?? process.execPath;
  const script = options.supervisorScript ?? resolveSupervisorScript();
  for (const file of [execPath, script]) {
    if (!existsSync(file))
      throw new DispatchError('io', `cannot start the task supervisor: ${file} does not exist`);
  }
  const files = outputFiles(paths.outputDir, taskId);
  const env: NodeJS.ProcessEnv = { ...launch.env, ELECTRON_RUN_AS_NODE: '1' };
  const envRestore: Record<string, string> = {};
  for (const name of SUPERVISOR_UNSAFE_ENV) {
    if (env[name] !== undefined) envRestore[name] = env[name];
    delete env[name];
  }
  try {
    mkdirSync(paths.outputDir, { recursive: true });
    writeSpec(files.spec, {
      version: 1,
      taskId,
      outputDir: paths.outputDir,
      cwd: options.cwd,
      launch: {
        agent: launch.agent,
        command: launch.command,
        args: launch.args,
        shell: launch.shell,
        outputFormat: launch.outputFormat,
        windowsVerbatimArguments: launch.windowsVerbatimArguments,
        install: launch.install,
        notices: launch.notices ?? [],
        limitPattern: launch.limitPattern,
      },
      envRestore,
      flushIntervalMs: options.flushIntervalMs,
      maxOutputBytes: options.maxOutputBytes,
      killGraceMs: options.killGraceMs,
      timeoutMs: options.timeoutMs,
      cancelPollMs: options.cancelPollMs,
      setup: options.setup,
      check: options.check,
    });
  } catch (err) {
    throw new DispatchError('io', `cannot start the task supervisor for ${taskId}: ${messageOf(err)}`, {
      cause: err,
    });
  }
  return {
    taskId,
    execPath,
    script,
    specFile: files.spec,
    stderrFile: files.supervisorStderr,
    outputDir: paths.outputDir,
    env,
  };
}

/** Starts a fresh supervisor process for a prepared launch (the cold path, ~50 ms of Node start-up). */
export function spawnSupervisor(prepared: PreparedLaunch): SupervisorHandle {
  let stderr: number | undefined;
  try {
    // Its own stderr goes to a file: a crash trace must land somewhere a user can find it.
    stderr = openSync(prepared.stderrFile, 'w');
    const child = spawn(prepared.execPath, [prepared.script, prepared.specFile], {
      detached: true,
      stdio: ['ignore', 'ignore', stderr],
      env: prepared.env,
      cwd: prepared.outputDir,
      windowsHide: true,
    });
    child.on('error', () => {}); // reported below through the missing pid
    child.unref();
    if (child.pid === undefined) throw new Error(`${prepared.execPath} could not be started`);
    return { pid: child.pid, start: processStartTime(child.pid) };
  } catch (err) {
    throw new DispatchError(
      'io',
      `cannot start the task supervisor for ${prepared.taskId}: ${messageOf(err)}`,
      { cause: err },
    );
  } finally {
    if (stderr !== undefined) closeSync(stderr);
  }
}

/** Starts the supervisor for one task and returns at once; the task runs on without us. */
export function launchSupervisor(options: LaunchSupervisorOptions): SupervisorHandle {
  return spawnSupervisor(prepareLaunch(options));
}

export interface CancelTarget {
  supervisorPid: number | null;
  supervisorStart: string | null;
  /** The host that runs the supervisor; a PID from another host is never signalled. */
  host?: string;
}

/**
 * Asks a task's supervisor to cancel: writes `<id>.cancel` (seen from any host, polled by the
 * supervisor), then, for speed, SIGTERMs the supervisor — only when it is on this host and its
 * PID still has the recorded start time, so a reused PID is never signalled. On Windows a
 * signal would kill the supervisor outright, so the file alone carries the request there.
 */
export function requestCancel(
  paths: OutputPaths,
  taskId: string,
  target: CancelTarget,
): { signalled: boolean } {
  const files = outputFiles(paths.outputDir, taskId);
  try {
    mkdirSync(paths.outputDir, { recursive: true });
    writeFileSync(
      files.cancel,
      `${JSON.stringify({ requestedAt: Date.now(), by: process.pid, host: hostName() })}\n`,
    );
  } catch (err) {
    throw new DispatchError('io', `cannot write ${files.cancel}: ${messageOf(err)}`, { cause: err });
  }
  const { supervisorPid: pid, supervisorStart: start, host } = target;
  const local = host === undefined || host === hostName();
  if (process.platform === 'win32' || !local || pid === null || start === null || !isAlive(pid, start)) {
    return { signalled: false };
  }
  try {
    process.kill(pid, 'SIGTERM');
    return { signalled: true };
  } catch {
    return { signalled: false }; // exited in between: its exit record tells the rest
  }
}

/** How the run ended, or undefined while it runs (see store/output/taskRecords.ts). */
export function readExitRecord(paths: OutputPaths, taskId: string): records.ExitRecord | undefined {
  return records.readExitRecord(paths.outputDir, taskId);
}

/** Who runs the task, once its agent has started. */
export function readPidRecord(paths: OutputPaths, taskId: string): records.PidRecord | undefined {
  return records.readPidRecord(paths.outputDir, taskId);
}
