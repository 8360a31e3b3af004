/**
 * A loop iteration's check, run by the task's supervisor once the agent has completed (issue 17).
 * The supervisor, not an engine, runs it: it outlives the window that started the task, owns the
 * task's log (so the check's output lands at the end of it, before the exit record, where every
 * reader and the output panel see it), and already stops process groups on cancel. The check is a
 * command line for the user's shell, in the task's folder (its worktree when it has one), in its
 * own process group, under its own timeout (`dispatch.loop.checkTimeoutSeconds`).
 */
import type { ChildProcess } from 'node:child_process';
import { CHECK_OUTPUT_BYTES, CHECK_OUTPUT_LINES, ScoreReader } from '../../core/checkOutput';
import { messageOf } from '../../core/errors';
import type { CheckRecord, OutputLogWriter } from '../../store/taskFiles';
import { exitOf, startProcess } from './agentProcess';
import { groupHasRunningMembers, killProcessGroup, processGroupExists } from './processTree';
import type { SupervisorSpec } from './spec';
import { LineSplitter, TailKeeper } from './streamLines';
import { type StopReason, Terminator } from './termination';

export type CheckSpec = NonNullable<SupervisorSpec['check']>;

/** How long to wait for the pipes to close once the check and its group are gone. */
const DRAIN_MS = 2000;

export interface CheckRunOptions {
  log: OutputLogWriter;
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
  flushIntervalMs: number;
  notice: (text: string) => void;
  /** A cancel that arrived since the agent exited (then nothing more runs). */
  cancelled: () => string | undefined;
  /** The check runs: a cancel must reach `terminator` from now on (and a crash its group). */
  onStarted: (terminator: Terminator, pgid: number) => void;
}

export interface CheckRun {
  /** Undefined when a cancel came first and it never ran. */
  record?: CheckRecord;
  /** Set when a cancel (or its timeout) stopped it; a cancel ends the task cancelled. */
  stoppedFor?: StopReason;
  stopSummary?: string;
}

export async function runCheck(check: CheckSpec, options: CheckRunOptions): Promise<CheckRun> {
  const { log, notice } = options;
  const early = options.cancelled();
  if (early) {
    notice(`${early}; not running the check`);
    return { stoppedFor: 'cancelled', stopSummary: `${early} before the check ran` };
  }
  const started = Date.now();
  const base = { command: check.line, signal: null, output: '', score: null };
  notice(`running the check in ${check.cwd}: ${check.line}`);
  let child: ChildProcess;
  try {
    child = await startProcess(check, check.cwd, options.env);
  } catch (err) {
    const problem = messageOf(err);
    notice(`the check ${problem}`);
    return {
      record: { ...base, exitCode: null, problem, unstartable: true, durationMs: Date.now() - started },
    };
  }
  const pgid = child.pid!;
  const terminator = new Terminator({ pgid, graceMs: options.killGraceMs, notice, what: 'the check' });
  options.onStarted(terminator, pgid);
  const late = options.cancelled();
  if (late) terminator.stop('cancelled', late);
  const tail = new TailKeeper(CHECK_OUTPUT_BYTES);
  const scores = new ScoreReader();
  const lines = check.score ? new LineSplitter((line) => scores.line(line)) : undefined;
  const closed: Promise<void>[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const pipe = child[stream];
    if (!pipe) continue;
    pipe.on('data', (chunk: Buffer) => {
      log.append(stream, chunk);
      tail.push(chunk);
      if (stream === 'stdout') lines?.push(chunk);
    });
    closed.push(new Promise((resolve) => pipe.once('close', resolve)));
  }
  const flush = setInterval(() => log.flush(), options.flushIntervalMs);
  const seconds = check.timeoutMs / 1000;
  const timeout = setTimeout(
    () => terminator.stop('timeout', `the check timed out after ${seconds} s`),
    check.timeoutMs,
  );
  const { code, signal } = await exitOf(child);
  clearTimeout(timeout);
  terminator.dispose();
  // Whatever the check started in the background must not outlive it (as for the agent).
  if (processGroupExists(pgid)) {
    const running = groupHasRunningMembers(pgid);
    killProcessGroup(pgid, 'SIGKILL');
    if (running) notice(`the check left processes in its group ${pgid}; killed them`);
  }
  await drained(child, closed);
  clearInterval(flush);
  lines?.end();
  const stoppedFor = terminator.reason;
  const problem = stoppedFor === 'timeout' ? `timed out after ${seconds} s` : null;
  const record: CheckRecord = {
    ...base,
    exitCode: stoppedFor ? null : code,
    signal: stoppedFor ? null : signal,
    problem,
    unstartable: false,
    output: tail.lastLines(CHECK_OUTPUT_LINES),
    score: check.score ? scores.score : null,
    durationMs: Date.now() - started,
  };
  notice(closing(record, check.score));
  return { record, stoppedFor, stopSummary: terminator.summary };
}

/** "the check exited with code 1 after 0.4 s", "…; score 0.83", "…; it printed no score". */
function closing(record: CheckRecord, scored: boolean): string {
  const took = `after ${(record.durationMs / 1000).toFixed(1)} s`;
  const how = record.problem
    ? record.problem
    : record.signal
      ? `was killed by ${record.signal} ${took}`
      : `exited with code ${record.exitCode} ${took}`;
  const score = !scored ? '' : record.score === null ? '; it printed no score' : `; score ${record.score}`;
  return `the check ${how}${score}`;
}

/** Both pipes closed, or DRAIN_MS passed (a descendant that left the group may hold them). */
async function drained(child: ChildProcess, closed: Promise<void>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_MS);
  });
  if ((await Promise.race([Promise.all(closed), late])) === 'late') {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
  clearTimeout(timer);
}
