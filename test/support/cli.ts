/**
 * Runs the real `dispatch` CLI (dist/cli.js, the bundle users run) as child processes against a
 * workspace, and keeps track of long-running ones so a test can always kill them afterwards.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliBundle, repoRoot } from './bundles';

export { repoRoot };
export const cliScript = cliBundle;
export const fakeAgent = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'agents', name);

/**
 * `autonomyArgs` for a fake agent that takes every level as it is: without them its output would
 * begin with the supervisor's "has no autonomyArgs" notice, which tests of the output do not expect.
 */
export const ANY_LEVEL = { 'read-only': [], edit: [], full: [] };

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(workspace: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const run = spawnSync(process.execPath, [cliScript, '--workspace', workspace, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temp workspace with `.vscode/settings.json` holding the given dispatch settings. */
export function makeWorkspace(settings: Record<string, unknown>): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-ws-'));
  mkdirSync(path.join(workspace, '.vscode'));
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return workspace;
}

export class ProcessGroup {
  private readonly children: ChildProcess[] = [];

  /** Starts `dispatch worker` in the background; its output is collected for failure messages. */
  startWorker(
    workspace: string,
    args: string[] = [],
    env: NodeJS.ProcessEnv = {},
  ): ChildProcess & { output: string[] } {
    const child = spawn(process.execPath, [cliScript, '--workspace', workspace, 'worker', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }) as ChildProcess & { output: string[] };
    child.output = [];
    child.stdout?.on('data', (d) => child.output.push(String(d)));
    child.stderr?.on('data', (d) => child.output.push(String(d)));
    this.children.push(child);
    return child;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.children.splice(0).map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
