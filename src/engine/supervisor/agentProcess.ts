/**
 * Starting the agent: its own process group (so it can be stopped as a whole), stdin closed
 * (Claude otherwise waits for it; Codex appends it to the prompt), an argument array — never a
 * shell line. Everything that would surface as a bare `spawn ENOENT` is checked first and
 * reported as a sentence that names the command or folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { messageOf } from '../../core/errors';
import { resolveExecutable } from '../agents/resolveExecutable';
import type { SupervisorSpec } from './spec';

export class SpawnFailure extends Error {}

/** What startAgent runs: the agent of a spec, or a worktree's setup command (no agent name). */
export type ProcessLaunch = Pick<SupervisorSpec['launch'], 'command' | 'args'> &
  Partial<Pick<SupervisorSpec['launch'], 'agent' | 'install' | 'windowsVerbatimArguments'>>;

export async function startAgent(spec: SupervisorSpec, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return startProcess(spec.launch, spec.cwd, env);
}

export async function startProcess(
  launch: ProcessLaunch,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> {
  let isDir: boolean;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    throw new SpawnFailure(`could not start \`${launch.command}\`: the working folder ${cwd} does not exist`);
  }
  if (!isDir) throw new SpawnFailure(`could not start \`${launch.command}\`: ${cwd} is not a folder`);
  const found = resolveExecutable(launch.command, { env, cwd });
  if ('problem' in found) throw new SpawnFailure(notFound(launch, found));
  let child: ChildProcess;
  try {
    child = spawn(found.path, launch.args, {
      argv0: launch.command,
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
      windowsVerbatimArguments: launch.windowsVerbatimArguments,
    });
  } catch (err) {
    throw new SpawnFailure(`could not start \`${launch.command}\`: ${messageOf(err)}`);
  }
  // Errors such as EACCES or a file deleted since the check arrive as an event, before 'spawn'.
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) =>
      reject(new SpawnFailure(`could not start \`${launch.command}\`: ${messageOf(err)}`)),
    );
  });
  return child;
}

/**
 * One line a user can act on: the install command for a built-in, the setting otherwise. The
 * PATH itself is not listed (it can be long, and the reason shows in lists and notifications).
 */
function notFound(launch: ProcessLaunch, found: { problem: string; notOnPath?: boolean }): string {
  const { command, agent, install } = launch;
  const problem = found.notOnPath ? 'not found on PATH' : found.problem;
  const setting = `dispatch.agents.${agent}.command`;
  const fix = !agent
    ? ''
    : install
      ? `; install it (${install}) or set ${setting} to its full path`
      : `; check that it is installed or fix ${setting}`;
  return `could not start \`${command}\`: ${problem}${fix}`;
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
