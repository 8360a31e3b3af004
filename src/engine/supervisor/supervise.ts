/**
 * One task's supervisor, from spec to exit record (architecture.md §6). In order:
 *   start the agent in its own process group → write `<id>.pid` → capture output, watch for
 *   cancel requests and the timeout → on the agent's exit, kill whatever it left in its group,
 *   drain the pipes, close the log → write `<id>.exit`, exactly once, last of all.
 * Everything that goes wrong is written to the log on the `system` stream and summed up in the
 * exit record; the caller (main.ts) then exits the process.
 */
import type { ChildProcess } from 'node:child_process';
import { messageOf } from '../../core/errors';
import {
  type ExitRecord,
  type OutputLogWriter,
  openOutputLog,
  outputFiles,
  processStartTime,
  removeRetryRecord,
  writeExitRecord,
  writePidRecord,
  writeRetryRecord,
} from '../../store/taskFiles';
import { createDecoder } from '../agents/events';
import { exitOf, SpawnFailure, startAgent } from './agentProcess';
import { watchCancelRequests } from './cancelRequests';
import { captureOutput, type RetryEvent } from './outputCapture';
import { groupHasRunningMembers, killProcessGroup, processGroupExists } from './processTree';
import { closingNotice, type RunFacts, summarizeRun } from './runSummary';
import type { SupervisorSpec } from './spec';
import { Terminator } from './termination';

/** How long to wait for the pipes to close once the agent and its group are gone. */
const DRAIN_MS = 2000;

export interface SuperviseHooks {
  /** Called once the agent runs, so a crash handler can still stop its process group. */
  onAgentStarted?(pgid: number): void;
}

export async function supervise(
  spec: SupervisorSpec,
  agentEnv: NodeJS.ProcessEnv,
  hooks: SuperviseHooks = {},
): Promise<ExitRecord> {
  const startedAt = Date.now();
  const log = openOutputLog({
    outputDir: spec.outputDir,
    taskId: spec.taskId,
    maxBytes: spec.maxOutputBytes,
  });
  const notice = (text: string) => log.append('system', `dispatch: ${text}\n`);
  let terminator: Terminator | undefined;
  let cancelledEarly: string | undefined;
  const cancels = watchCancelRequests({
    cancelFile: outputFiles(spec.outputDir, spec.taskId).cancel,
    pollMs: spec.cancelPollMs,
    onCancel: (how) => {
      if (terminator) terminator.stop('cancelled', how);
      else cancelledEarly = how;
    },
  });
  let facts: RunFacts = { exitCode: null, signal: null };
  let agentGroup: number | undefined;
  try {
    if (cancelledEarly) {
      // The cancel file was there before anything ran: do not start the agent at all.
      facts = { ...facts, stoppedFor: 'cancelled', stopSummary: 'cancelled before the agent started' };
      notice(`${cancelledEarly} before the agent started; not starting it`);
    } else {
      for (const line of spec.launch.notices) notice(line);
      const child = await startAgent(spec, agentEnv);
      agentGroup = child.pid!;
      hooks.onAgentStarted?.(agentGroup);
      terminator = new Terminator({ pgid: agentGroup, graceMs: spec.killGraceMs, notice });
      writePidRecord(spec.outputDir, spec.taskId, {
        supervisorPid: process.pid,
        supervisorStart: processStartTime(process.pid),
        agentPid: agentGroup,
        agentStart: processStartTime(agentGroup),
        startedAt,
      });
      if (cancelledEarly) terminator.stop('cancelled', cancelledEarly);
      facts = await run(spec, child, terminator, log);
      notice(closingNotice(facts, Date.now() - startedAt));
    }
  } catch (err) {
    // Whatever failed, nothing of the agent may outlive the supervisor's verdict.
    if (agentGroup !== undefined) killProcessGroup(agentGroup, 'SIGKILL');
    facts.failure =
      err instanceof SpawnFailure
        ? { reason: 'spawn-failed', message: err.message }
        : { reason: 'supervisor-error', message: `supervisor error: ${messageOf(err)}` };
    notice(facts.failure.message);
  } finally {
    cancels.dispose();
    terminator?.dispose();
  }
  log.close();
  const stats = log.stats();
  const record: ExitRecord = {
    taskId: spec.taskId,
    exitCode: facts.exitCode,
    signal: facts.signal,
    startedAt,
    endedAt: Date.now(),
    ...summarizeRun(facts),
    outputBytes: stats.bytes,
    outputLines: stats.lines,
    truncatedBytes: stats.truncatedBytes,
    agentResult: facts.agentResult ?? null,
  };
  writeExitRecord(spec.outputDir, record);
  return record;
}

async function run(
  spec: SupervisorSpec,
  child: ChildProcess,
  terminator: Terminator,
  log: OutputLogWriter,
): Promise<RunFacts> {
  const pgid = child.pid!;
  const capture = captureOutput(child, log, {
    flushIntervalMs: spec.flushIntervalMs,
    decoder: createDecoder(spec.launch.outputFormat),
    onRetry: (retry) => recordRetry(spec, retry),
  });
  const timeout =
    spec.timeoutMs === null
      ? undefined
      : setTimeout(() => terminator.stop('timeout', `timed out after ${spec.timeoutMs} ms`), spec.timeoutMs);
  const { code, signal } = await exitOf(child);
  if (timeout) clearTimeout(timeout);
  terminator.dispose();
  // Background processes the agent started would otherwise outlive the task (weakness #3).
  if (processGroupExists(pgid)) {
    const running = groupHasRunningMembers(pgid);
    killProcessGroup(pgid, 'SIGKILL');
    if (running)
      log.append('system', `dispatch: the agent left processes in its group ${pgid}; killed them\n`);
  }
  await capture.drained(DRAIN_MS);
  const learnt = capture.finish(code);
  removeRetryRecord(spec.outputDir, spec.taskId);
  return {
    exitCode: code,
    signal,
    stoppedFor: terminator.reason,
    stopSummary: terminator.summary,
    ...learnt,
  };
}

/** So `show` and `list` can say "retrying (3/10): 401 …" while it happens. Best effort. */
function recordRetry(spec: SupervisorSpec, retry: RetryEvent): void {
  const { attempt, max, status, message } = retry;
  try {
    writeRetryRecord(spec.outputDir, spec.taskId, { attempt, max, status, message, at: Date.now() });
  } catch {
    // a full disk: the log still has the agent's own retry lines
  }
}
