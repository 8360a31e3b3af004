/**
 * Running real supervisors and fake agents in unit tests: temp output folders, task launch with
 * test-sized settings, waiting for exit records, and a tracker that kills every process a test
 * started (supervisors, agent groups, grandchildren) so none outlives it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DispatchConfig, defaultConfig } from '../../src/core/config';
import { newId } from '../../src/core/ids';
import { buildLaunch } from '../../src/engine/agents';
import type { AgentLaunch } from '../../src/engine/agents/types';
import {
  type LaunchSupervisorOptions,
  launchSupervisor,
  type SupervisorHandle,
} from '../../src/engine/launch/launcher';
import { readFrom } from '../../src/store/output/outputReader';
import { type ExitRecord, readExitRecord, readPidRecord } from '../../src/store/output/taskRecords';

import { repoRoot, supervisorBundle } from './bundles';

export { repoRoot };

/**
 * How long the waits below give an event before failing: a safety net, not a bound under test
 * (timings belong in `npm run bench`). Below the unit tier's 20 s test timeout, so a failed wait
 * still reports what it was waiting for.
 */
const WAIT_MS = 15_000;
export const fixture = (...parts: string[]) => path.join(repoRoot, 'test', 'fixtures', ...parts);
export const fakeAgentScript = fixture('agents', 'fake-agent.js');
export const fakeClaudeScript = fixture('agents', 'fake-claude.js');

/** The `fake` agent: node running fake-agent.js, the prompt being its steps ("out:3 exit:2"). */
export function fakeAgentConfig(): DispatchConfig {
  return {
    ...defaultConfig(),
    agents: { fake: { command: process.execPath, args: [fakeAgentScript, '${prompt}'], env: {} } },
  };
}

export function fakeAgentLaunch(
  taskId: string,
  steps: string,
  env: NodeJS.ProcessEnv = process.env,
): AgentLaunch {
  return buildLaunch('fake', { prompt: steps, taskId, cwd: tmpdir() }, fakeAgentConfig(), { baseEnv: env });
}

export class TestTasks {
  readonly outputDir = mkdtempSync(path.join(tmpdir(), 'dispatch-tasks-'));
  private readonly pids = new Set<number>();
  private readonly pidFiles: string[] = [];

  start(
    launch: AgentLaunch,
    overrides: Partial<LaunchSupervisorOptions> & { taskId?: string } = {},
  ): { taskId: string; supervisor: SupervisorHandle } {
    const taskId = overrides.taskId ?? launch.env.DISPATCH_TASK_ID ?? newId();
    const supervisor = launchSupervisor({
      taskId,
      paths: { outputDir: this.outputDir },
      launch,
      cwd: tmpdir(),
      flushIntervalMs: 50,
      maxOutputBytes: 0,
      killGraceMs: 300,
      timeoutMs: null,
      cancelPollMs: 100,
      supervisorScript: supervisorBundle,
      ...overrides,
    });
    this.pids.add(supervisor.pid);
    return { taskId, supervisor };
  }

  /** Grandchildren PIDs written by fake-agent's `children:N:FILE` step, killed after the test. */
  pidFile(name: string): string {
    const file = path.join(this.outputDir, `${name}.pids`);
    this.pidFiles.push(file);
    return file;
  }

  async waitForExit(taskId: string, timeoutMs = WAIT_MS): Promise<ExitRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const exit = readExitRecord(this.outputDir, taskId);
      if (exit) return exit;
      if (Date.now() > deadline) {
        throw new Error(`no exit record for ${taskId} after ${timeoutMs} ms; ${await this.diagnose(taskId)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** What a failed wait should show: the task's files, the supervisor's stderr, the log's end. */
  private async diagnose(taskId: string): Promise<string> {
    const files = readdirSync(this.outputDir).filter((f) => f.startsWith(`${taskId}.`));
    const read = (name: string) => {
      try {
        return readFileSync(path.join(this.outputDir, name), 'utf8').trim();
      } catch {
        return '(none)';
      }
    };
    const log = (await this.output(taskId)).text.slice(-500);
    return (
      `files: ${files.join(', ')}; pid record: ${read(`${taskId}.pid`)}; ` +
      `supervisor stderr: ${read(`${taskId}.supervisor-stderr`)}; log tail: ${JSON.stringify(log)}`
    );
  }

  async waitForPidRecord(taskId: string, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = readPidRecord(this.outputDir, taskId);
      if (record) {
        if (record.agentPid) this.pids.add(-record.agentPid);
        return record;
      }
      if (Date.now() > deadline) throw new Error(`no pid record for ${taskId} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The whole log as text, with each chunk's stream. */
  async output(taskId: string): Promise<{ text: string; byStream: Record<string, string> }> {
    const read = await readFrom(this.outputDir, taskId, 0, { maxBytes: 256 * 1024 * 1024 });
    const byStream: Record<string, string> = {};
    for (const c of read.chunks) byStream[c.stream] = (byStream[c.stream] ?? '') + c.data.toString();
    return { text: Buffer.concat(read.chunks.map((c) => c.data)).toString(), byStream };
  }

  pidsIn(file: string): number[] {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
  }

  track(pid: number): void {
    this.pids.add(pid);
  }

  /** Kills everything recorded (negative = a process group) and removes the folder. */
  dispose(): void {
    for (const file of this.pidFiles) {
      try {
        for (const pid of this.pidsIn(file)) this.pids.add(pid);
      } catch {
        // never written
      }
    }
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.outputDir, { recursive: true, force: true });
  }
}

/** Gone for good: no such process, or a zombie that only waits to be reaped. */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

export async function until(what: string, check: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
