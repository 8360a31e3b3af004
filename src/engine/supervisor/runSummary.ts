/**
 * How the supervisor describes a finished run in its exit record: `reason` says what *it* did
 * (cancelled, timed out, could not start), `message` says it in words, and the final state is
 * then decided by core/outcome.ts from these fields. A signal death keeps exitCode null with the
 * signal named, so nothing downstream can mistake it for exit 0 (weakness #3).
 */
import type { AgentResult, ExitReason } from '../../store/taskFiles';
import type { StopReason } from './termination';

export interface RunFacts {
  /** The agent could not be started, or the supervisor itself failed (and stopped the agent). */
  failure?: { reason: 'spawn-failed' | 'supervisor-error' | 'setup'; message: string };
  stoppedFor?: StopReason;
  stopSummary?: string;
  exitCode: number | null;
  signal: string | null;
  agentResult?: AgentResult;
  lastStderr?: string;
  lastStdout?: string;
}

export interface RunSummary {
  reason: ExitReason | null;
  message: string | null;
}

export function summarizeRun(facts: RunFacts): RunSummary {
  if (facts.failure) return facts.failure;
  if (facts.stoppedFor) return { reason: facts.stoppedFor, message: facts.stopSummary ?? null };
  if (facts.agentResult?.isError && facts.agentResult.message)
    return { reason: null, message: facts.agentResult.message };
  if (facts.signal) return { reason: null, message: `killed by ${facts.signal}` };
  if (facts.exitCode !== 0) {
    const said = facts.lastStderr ?? facts.lastStdout;
    return {
      reason: null,
      message: said ? `exit code ${facts.exitCode}: ${said}` : `exit code ${facts.exitCode}`,
    };
  }
  return { reason: null, message: null };
}

/** The closing line of the log, so `cat <id>.log` says how it ended. */
export function closingNotice(facts: RunFacts, elapsedMs: number): string {
  const took = `after ${(elapsedMs / 1000).toFixed(1)} s`;
  if (facts.signal) return `the agent was killed by ${facts.signal} ${took}`;
  const verdict =
    facts.agentResult && !facts.agentResult.unfinished
      ? facts.agentResult.isError
        ? '; it reported an error'
        : '; it reported success'
      : '';
  return `the agent exited with code ${facts.exitCode} ${took}${verdict}`;
}
