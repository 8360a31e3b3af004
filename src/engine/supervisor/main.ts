/**
 * Entry point of the task supervisor, bundled as dist/supervisor.js:
 * `node supervisor.js <output>/<taskId>.spec.json`. Started detached by launch/launcher.ts,
 * one per task, so the task outlives the window that started it. Reads and deletes its spec,
 * supervises the agent (supervise.ts), writes the exit record and exits.
 *
 * Last resorts live here: if the spec cannot be read, or the supervisor itself crashes, it still
 * stops the agent's process group and leaves an exit record with reason `supervisor-error`, so
 * no engine waits for a task that nobody runs any more.
 */
import { statSync, unlinkSync } from 'node:fs';
import { messageOf } from '../../core/errors';
import { outputFiles, readExitRecord, writeExitRecord } from '../../store/taskFiles';
import type { SpareJob } from '../launch/supervisorPool';
import { killProcessGroup } from './processTree';
import { readSpec, type SupervisorSpec, taskOfSpecPath } from './spec';
import { supervise } from './supervise';

function agentEnvironment(spec: SupervisorSpec, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The launcher gave us the agent's environment plus ELECTRON_RUN_AS_NODE (for us, not for it).
  const env = { ...base, ...spec.envRestore };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

function lastResort(
  task: { outputDir: string; taskId: string } | undefined,
  message: string,
  pgid?: number,
): void {
  if (pgid !== undefined) killProcessGroup(pgid, 'SIGKILL');
  if (!task) return;
  try {
    if (readExitRecord(task.outputDir, task.taskId)) return; // written once, never twice
    const now = Date.now();
    writeExitRecord(task.outputDir, {
      taskId: task.taskId,
      exitCode: null,
      signal: null,
      startedAt: null,
      endedAt: now,
      reason: 'supervisor-error',
      message,
      outputBytes: 0,
      outputLines: 0,
      truncatedBytes: 0,
    });
  } catch {
    // Nothing more can be done; recovery will see a dead supervisor without an exit record.
  }
}

/** Our stderr file only matters when something went wrong. */
function removeIfEmpty(file: string): void {
  try {
    if (statSync(file).size === 0) unlinkSync(file);
  } catch {
    // still open elsewhere (Windows) or already gone
  }
}

/**
 * A warm spare (see launch/supervisorPool.ts) waits on its IPC channel for a task: the spec file and the
 * agent's environment. It exits quietly if its engine disconnects first.
 */
function waitForJob(): Promise<SpareJob | undefined> {
  return new Promise((resolve) => {
    process.once('message', (message: SpareJob) => {
      const ok = message?.type === 'run' && typeof message.specFile === 'string';
      // From here on the task must not depend on the engine that started us.
      process.disconnect?.();
      resolve(ok ? message : undefined);
    });
    process.once('disconnect', () => resolve(undefined));
  });
}

async function main(): Promise<void> {
  // An engine records our pid as it hands us a task, and a cancel right then signals us before
  // supervise() listens. Dying of that SIGTERM would read as "supervisor died"; the cancel file the
  // engine wrote before signalling stops the task as soon as supervise() starts. (A spare with no
  // task still exits when its engine disconnects.)
  const untilSupervised = () => {};
  process.on('SIGTERM', untilSupervised);
  process.on('SIGINT', untilSupervised);
  let specFile = process.argv[2];
  let baseEnv = process.env;
  if (specFile === '--spare') {
    const job = await waitForJob();
    if (!job) process.exit(0);
    specFile = job.specFile;
    baseEnv = job.env;
  }
  if (!specFile) {
    console.error('usage: supervisor <output>/<taskId>.spec.json | --spare');
    process.exit(2);
  }
  let task = taskOfSpecPath(specFile);
  let agentGroup: number | undefined;
  const crash = (err: unknown) => {
    lastResort(task, `supervisor error: ${messageOf(err)}`, agentGroup);
    process.exit(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const spec = readSpec(specFile);
  task = { outputDir: spec.outputDir, taskId: spec.taskId };
  await supervise(spec, agentEnvironment(spec, baseEnv), { onAgentStarted: (pgid) => (agentGroup = pgid) });
  removeIfEmpty(outputFiles(spec.outputDir, spec.taskId).supervisorStderr);
  process.exit(0);
}

void main();
