/**
 * What a task row says, for a side bar at its default width (~300 px). VS Code cuts a row at its
 * end, and a prompt-length label pushed the description (agent, time, window) out of sight: so
 * the label leads with the agent and the time — "claude 1m 05s · Add unit tests…" — and the
 * description keeps what can be cut. Pure, so it is unit-tested.
 */
import { type RetryState, retryText } from '../../core/results';
import type { Task } from '../../core/task';
import { resumeWords } from '../../core/usageLimit';
import { formatDuration } from '../../protocol/duration';
import { failureWords } from '../../protocol/outcomeWords';
import { clock } from './format';

type RowTask = Pick<
  Task,
  | 'title'
  | 'id'
  | 'agent'
  | 'state'
  | 'autonomy'
  | 'priority'
  | 'createdAt'
  | 'startedAt'
  | 'endedAt'
  | 'cancelRequestedAt'
  | 'reason'
  | 'signal'
  | 'exitCode'
  | 'denialCount'
  | 'resumeAt'
>;

/**
 * "claude 1m 05s": the agent, and how long it runs or ran (nothing more for a task still waiting
 * or paused).
 */
export function taskLead(task: RowTask, now: number): string {
  if (task.state === 'running') {
    if (task.cancelRequestedAt) return `${task.agent} cancelling…`;
    return `${task.agent} ${formatDuration(now - (task.startedAt ?? task.createdAt))}`;
  }
  // A paused task keeps its run's start and end, but that run only met the limit ("claude 0s"
  // read as a run that did nothing): the row's description says what the pause is.
  if (task.state === 'paused') return task.agent;
  if (task.endedAt && task.startedAt) return `${task.agent} ${formatDuration(task.endedAt - task.startedAt)}`;
  return task.agent;
}

/** The row's label: the lead, then the title. */
export function taskLabel(task: RowTask, now: number): string {
  return `${taskLead(task, now)} · ${task.title || task.id}`;
}

/**
 * What follows the label, least needed last: "edit · P0 · retrying (2/10): 401 …",
 * "edit · exit code 1 · 14:03", "full · waits for 8k2m4x7q1z9a +1".
 */
export function taskDescription(
  task: RowTask,
  now: number,
  waitsFor?: readonly string[],
  retrying?: RetryState,
  paused?: string,
): string {
  const parts: string[] = [];
  if (task.autonomy) parts.push(task.autonomy);
  if (task.priority !== 'P1') parts.push(task.priority);
  if (task.state === 'paused') {
    // `paused`: what comes next, as Engine.pausedWords says it with the user's autoResume
    // ("resumes 15:00", "resets 15:00 · waits for Resume Now").
    parts.push('usage limit', paused ?? resumeWords(task.resumeAt, now));
  } else if (task.state === 'running') {
    parts.push(retrying ? retryText(retrying) : `since ${clock(task.startedAt ?? task.createdAt, now)}`);
  } else if (task.endedAt) {
    if (task.state === 'failed') parts.push(failureWords(task));
    else if (task.state === 'cancelled')
      parts.push(task.startedAt ? 'cancelled' : 'cancelled before it started');
    if (task.denialCount) parts.push(`${task.denialCount} refused`);
    parts.push(clock(task.endedAt, now));
  } else if (waitsFor?.length) {
    const [first, ...rest] = waitsFor;
    parts.push(`waits for ${first}${rest.length ? ` +${rest.length}` : ''}`);
  } else {
    parts.push(`queued ${clock(task.createdAt, now)}`);
  }
  return parts.join(' · ');
}

/** A Workers row's label: "claude 1m 05s · Fix the build" (the elapsed time ticks). */
export function workerLabel(
  task: Pick<Task, 'agent' | 'title' | 'id' | 'cancelRequestedAt'>,
  elapsedMs: number,
): string {
  const time = task.cancelRequestedAt ? 'cancelling…' : formatDuration(elapsedMs);
  return `${task.agent} ${time} · ${task.title || task.id}`;
}
