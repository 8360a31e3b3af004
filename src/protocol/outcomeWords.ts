/**
 * How a finished task ended, in the words a person reads in the views, notifications and the
 * output panel alike: "Completed in 1m 05s", "Cancelled by you after 12s", "Timed out after
 * 30m 00s", "Failed after 3s: exit code 1". Here, with nothing imported but the durations, because
 * the panel's webview may import only src/protocol.
 */
import { formatDuration } from './duration';

export interface EndFacts {
  state: 'queued' | 'blocked' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
  reason: string | null;
  signal: string | null;
  exitCode: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

/** The reason core/outcome.ts stores for a cancel someone asked for (from any window or the CLI). */
const BY_USER = 'cancelled by user';

/** One sentence; empty while the task has not finished. */
export function outcomeWords(task: EndFacts): string {
  const ran =
    task.startedAt !== null && task.endedAt !== null ? formatDuration(task.endedAt - task.startedAt) : null;
  switch (task.state) {
    case 'completed':
      return ran ? `Completed in ${ran}` : 'Completed';
    case 'cancelled':
      if (task.reason === null || task.reason === BY_USER)
        return ran ? `Cancelled by you after ${ran}` : 'Cancelled by you before it started';
      return `Cancelled: ${reasonWords(task.reason)}`;
    case 'failed': {
      if (task.reason === 'timeout') return ran ? `Timed out after ${ran}` : 'Timed out';
      const why = failureWords(task);
      return ran ? `Failed after ${ran}: ${why}` : `Failed: ${why}`;
    }
    default:
      return '';
  }
}

/** The shortest true account of a failure: its reason, else the signal, else the exit code. */
export function failureWords(task: Pick<EndFacts, 'reason' | 'signal' | 'exitCode'>): string {
  if (task.reason) return reasonWords(task.reason);
  if (task.signal) return `killed by ${task.signal}`;
  if (task.exitCode !== null) return `exit code ${task.exitCode}`;
  return 'it ended without saying why';
}

// Reasons stored before they were written for people led with the supervisor's code.
const CODE_PREFIX = /^(spawn-failed|supervisor-error|setup): /;

/**
 * A stored reason as one line a person reads: the first line, no internal code in front, no
 * Markdown backticks (the views show them literally).
 */
export function reasonWords(reason: string): string {
  const line = reason.split(/\r?\n/).find((l) => l.trim() !== '') ?? reason;
  return line.replace(CODE_PREFIX, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}
