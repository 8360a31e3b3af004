/**
 * How a finished run becomes a final task state. This is where the original system's worst
 * bugs lived: `exitCode ?? 0` turned signal deaths into successes, and a late exit overwrote a
 * cancel. Here a cancel the user asked for always wins, a signal death is always a failure, and
 * an agent that reports an error in its own structured output fails even when it exits 0.
 */
import type { TaskState } from './taskState';

/** What the supervisor records when a run ends (output/<id>.exit), as far as the outcome needs it. */
export interface RunEnd {
  exitCode: number | null;
  signal: string | null;
  /** Set by the supervisor when it ended the run itself or could not start it. */
  reason?: string | null;
  message?: string | null;
  /** The agent's own verdict from its structured output, when it has one. */
  agentResult?: { isError: boolean; message?: string | null } | null;
}

export interface Outcome {
  state: Extract<TaskState, 'completed' | 'failed' | 'cancelled'>;
  reason: string | null;
}

/** A supervisor failure that came without a message (an older or damaged exit record). */
const FAILURE_WORDS: Record<string, string> = {
  'spawn-failed': 'the agent could not start',
  'supervisor-error': 'the supervisor failed',
  setup: 'the setup command failed',
};

export function outcomeOf(end: RunEnd, cancelRequested: boolean): Outcome {
  // Exit codes after a cancel are meaningless (Claude exits 0 on SIGINT, Gemini 0 when killed).
  if (cancelRequested || end.reason === 'cancelled')
    return { state: 'cancelled', reason: 'cancelled by user' };
  if (end.reason === 'timeout') return { state: 'failed', reason: 'timeout' };
  if (end.reason && end.reason !== 'exited') {
    // The code ("spawn-failed") stays in the exit record; the task's reason is read by people.
    return { state: 'failed', reason: end.message || (FAILURE_WORDS[end.reason] ?? end.reason) };
  }
  if (end.signal) return { state: 'failed', reason: `killed by ${end.signal}` };
  if (end.exitCode === null) return { state: 'failed', reason: 'ended without an exit code' };
  if (end.agentResult?.isError) {
    return {
      state: 'failed',
      reason: end.agentResult.message || `the agent reported an error (exit ${end.exitCode})`,
    };
  }
  if (end.exitCode !== 0) return { state: 'failed', reason: `exit code ${end.exitCode}` };
  return { state: 'completed', reason: null };
}
