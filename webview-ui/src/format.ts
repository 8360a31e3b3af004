/** Words and times the panel shows. Pure: no DOM; local time zone. */
import { formatDuration } from '../../src/protocol/duration';
import { outcomeWords } from '../../src/protocol/outcomeWords';
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

/** "running for 2m 05s · started 14:03:27", "ended 14:05:32", "queued for 12s". */
export function timingText(task: TaskSummary, now: number): string {
  if (task.state === 'paused') {
    // At its agent's usage limit: its run ended; what comes next is the host's words, the same
    // as the Tasks row's (they depend on dispatch.usageLimit.autoResume).
    const at = task.pausedWords ?? 'waits for Resume Now';
    return task.endedAt !== null ? `paused ${formatClock(task.endedAt)} · ${at}` : `paused · ${at}`;
  }
  if (task.endedAt !== null) {
    // How long it took is in the outcome ("Completed in 2m 05s").
    return `ended ${formatClock(task.endedAt)}`;
  }
  if (task.startedAt !== null) {
    return `running for ${formatDuration(now - task.startedAt)} · started ${formatClock(task.startedAt)}`;
  }
  return `${task.state} for ${formatDuration(now - task.createdAt)}`;
}

/**
 * "Completed in 2m 05s", "Cancelled by you after 12s", "Failed after 3s: exit code 1"; empty while
 * not finished. The same words as the views and notifications (src/protocol/outcomeWords.ts).
 */
export function outcomeText(task: TaskSummary): string {
  if (task.state === 'paused') return task.reason ?? '';
  return outcomeWords(task);
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
