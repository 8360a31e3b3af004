/** Words and times the panel shows. Pure: no DOM; local time zone. */
import { formatDuration } from '../../src/protocol/duration';
import type { TaskSummary } from '../../src/protocol/outputPanel';

const TERMINAL: ReadonlySet<TaskSummary['state']> = new Set(['completed', 'failed', 'cancelled']);

export function isFinished(task: TaskSummary): boolean {
  return TERMINAL.has(task.state);
}

export function canCancel(task: TaskSummary): boolean {
  return (
    task.state === 'queued' || task.state === 'blocked' || task.state === 'running' || task.state === 'paused'
  );
}

export function stateLabel(state: TaskSummary['state']): string {
  return state[0]!.toUpperCase() + state.slice(1);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 14:03:27 */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 14:03:27.041, for line timestamps. */
export function formatTimestamp(epochMs: number): string {
  return `${formatClock(epochMs)}.${pad(new Date(epochMs).getMilliseconds(), 3)}`;
}

/** "running for 2m 05s · started 14:03:27", "ended 14:05:32 · took 2m 05s", "queued for 12s". */
export function timingText(task: TaskSummary, now: number): string {
  if (task.state === 'paused') {
    // At its agent's usage limit: its run ended, and it runs again when the limit resets.
    const at = task.resumeAt ? `resumes ${formatClock(task.resumeAt)}` : 'waits for Resume Now';
    return task.endedAt !== null ? `paused ${formatClock(task.endedAt)} · ${at}` : `paused · ${at}`;
  }
  if (task.endedAt !== null) {
    const took = task.startedAt !== null ? ` · took ${formatDuration(task.endedAt - task.startedAt)}` : '';
    return `ended ${formatClock(task.endedAt)}${took}`;
  }
  if (task.startedAt !== null) {
    return `running for ${formatDuration(now - task.startedAt)} · started ${formatClock(task.startedAt)}`;
  }
  return `${task.state} for ${formatDuration(now - task.createdAt)}`;
}

/**
 * "exit 0", "killed by SIGTERM · timeout", "exit 143 · cancelled by user"; empty while not
 * finished. The reason is left out when it only repeats the exit (core/outcome.ts words it so).
 */
export function outcomeText(task: TaskSummary): string {
  if (task.state === 'paused') return task.reason ?? '';
  if (!isFinished(task)) return '';
  const parts: string[] = [];
  if (task.signal) parts.push(`killed by ${task.signal}`);
  else if (task.exitCode !== null) parts.push(`exit ${task.exitCode}`);
  const repeats = [`exit code ${task.exitCode}`, `killed by ${task.signal}`];
  if (task.reason && !repeats.includes(task.reason)) parts.push(task.reason);
  if (parts.length === 0 && task.state === 'cancelled') parts.push('cancelled');
  return parts.join(' · ');
}

/** "autonomy full · model opus"; the model only when one was asked for. */
export function configText(task: TaskSummary): string {
  const parts: string[] = [];
  if (task.autonomy) parts.push(`autonomy ${task.autonomy}`);
  if (task.model) parts.push(`model ${task.model}`);
  return parts.join(' · ');
}

/** "Reply to claude…" */
export function replyPlaceholder(task: TaskSummary): string {
  return `Reply to ${task.agent}… (Enter sends, Shift+Enter: new line)`;
}
