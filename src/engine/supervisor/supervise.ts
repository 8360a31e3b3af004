/**
 * One task's supervisor, from spec to exit record (architecture.md §6). In order:
 *   [run a new worktree's setup command, the same way] → start the agent in its own process group → write `<id>.pid` → capture output, watch for
 *   cancel requests and the timeout → on the agent's exit, kill whatever it left in its group,
 *   drain the pipes → [a loop iteration that completed: run its check, the same way, checkRun.ts]
 *   → close the log → write `<id>.exit`, exactly once, last of all.
 * Everything that goes wrong is written to the log on the `system` stream and summed up in the
 * exit record; the caller (main.ts) then exits the process.
 */
import type { ChildProcess } from 'node:child_process';
import { messageOf } from '../../core/errors';
import { outcomeOf } from '../../core/outcome';
import {
  type CheckRecord,
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
import { createDecoder, type EventDecoder } from '../agents/events';
import { type LimitMatcher, limitMatcher } from '../agents/limitPattern';
import { exitOf, SpawnFailure, startAgent, startProcess } from './agentProcess';
import { watchCancelRequests } from './cancelRequests';
import { runCheck } from './checkRun';
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
  let check: CheckRecord | undefined;
  try {
    let timeoutMs = spec.timeoutMs;
    if (spec.setup && !cancelledEarly) {
      // A worktree's setup command runs first, watched like the agent: cancel and timeout stop it.
      const setupStarted = Date.now();
      notice(`running the setup command in ${spec.setup.cwd}: ${spec.setup.line}`);
      const child = await startSetup(spec.setup, agentEnv);
      agentGroup = child.pid!;
      hooks.onAgentStarted?.(agentGroup);
      terminator = new Terminator({ pgid: agentGroup, graceMs: spec.killGraceMs, notice });
      if (cancelledEarly) terminator.stop('cancelled', cancelledEarly);
      const setup = await run(child, terminator, log, { flushIntervalMs: spec.flushIntervalMs, timeoutMs });
      terminator = undefined;
      agentGroup = undefined;
      if (setup.stoppedFor) facts = setup;
      else if (setup.exitCode !== 0 || setup.signal) facts.failure = setupFailure(setup);
      else notice(`the setup command succeeded after ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
      if (timeoutMs !== null) timeoutMs = Math.max(1, timeoutMs - (Date.now() - setupStarted));
    }
    if (facts.failure) {
      notice(facts.failure.message);
    } else if (facts.stoppedFor) {
      notice(`${facts.stopSummary ?? facts.stoppedFor} during the setup command; not starting the agent`);
    } else if (cancelledEarly) {
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
      facts = await run(child, terminator, log, {
        flushIntervalMs: spec.flushIntervalMs,
        timeoutMs,
        decoder: createDecoder(spec.launch.outputFormat),
        limitMatcher: limitMatcher(spec.launch.limitPattern),
        onRetry: (retry) => recordRetry(spec, retry),
      });
      terminator = undefined;
      agentGroup = undefined;
      removeRetryRecord(spec.outputDir, spec.taskId);
      notice(closingNotice(facts, Date.now() - startedAt));
      if (spec.check && completed(facts)) {
        const ran = await runCheck(spec.check, {
          log,
          env: agentEnv,
          killGraceMs: spec.killGraceMs,
          flushIntervalMs: spec.flushIntervalMs,
          notice,
          cancelled: () => cancelledEarly,
          onStarted: (stopper, pgid) => {
            terminator = stopper;
            agentGroup = pgid;
            hooks.onAgentStarted?.(pgid);
          },
        });
        check = ran.record;
        // The check's own timeout is its result; only a cancel ends the task differently.
        if (ran.stoppedFor === 'cancelled')
          facts = { ...facts, stoppedFor: 'cancelled', stopSummary: ran.stopSummary };
      }
    }
  } catch (err) {
    // Whatever failed, nothing of the agent may outlive the supervisor's verdict.
    if (agentGroup !== undefined) killProcessGroup(agentGroup, 'SIGKILL');
    facts.failure =
      err instanceof SetupFailure
        ? { reason: 'setup', message: err.message }
        : err instanceof SpawnFailure
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
    ...(check ? { check } : {}),
  };
  writeExitRecord(spec.outputDir, record);
  return record;
}

interface RunOptions {
  flushIntervalMs: number;
  /** null: no timeout. */
  timeoutMs: number | null;
  /** Reads the agent's events into its result; none for a setup command. */
  decoder?: EventDecoder | undefined;
  limitMatcher?: LimitMatcher | undefined;
  onRetry?: (retry: RetryEvent) => void;
}

async function run(
  child: ChildProcess,
  terminator: Terminator,
  log: OutputLogWriter,
  options: RunOptions,
): Promise<RunFacts> {
  const pgid = child.pid!;
  const capture = captureOutput(child, log, {
    flushIntervalMs: options.flushIntervalMs,
    decoder: options.decoder,
    limitMatcher: options.limitMatcher,
    onRetry: options.onRetry,
  });
  const { timeoutMs } = options;
  const timeout =
    timeoutMs === null
      ? undefined
      : setTimeout(() => terminator.stop('timeout', `timed out after ${timeoutMs} ms`), timeoutMs);
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

/** A loop's check runs only after an agent run that ends the task completed (core/outcome.ts). */
function completed(facts: RunFacts): boolean {
  const { reason } = summarizeRun(facts);
  return outcomeOf({ ...facts, reason, agentResult: facts.agentResult ?? null }, false).state === 'completed';
}

class SetupFailure extends Error {}

async function startSetup(setup: NonNullable<SupervisorSpec['setup']>, env: NodeJS.ProcessEnv) {
  try {
    return await startProcess(setup, setup.cwd, env);
  } catch (err) {
    throw new SetupFailure(`the setup command could not start: ${messageOf(err)}`);
  }
}

function setupFailure(facts: RunFacts): NonNullable<RunFacts['failure']> {
  const how = facts.signal ? `was killed by ${facts.signal}` : `exited with code ${facts.exitCode}`;
  const said = facts.lastStderr ?? facts.lastStdout;
  return { reason: 'setup', message: `the setup command ${how}${said ? `: ${said}` : ''}` };
}
