/** How times and states read in the views and notifications. Pure, so it is unit-tested. */
import { denialsText, summaryHead, type TaskResult } from '../../core/results';
import type { TaskState } from '../../core/taskState';
import { type EndFacts, failureWords, outcomeWords, reasonWords } from '../../protocol/outcomeWords';

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:02" for today, "Nov 3, 14:02" before: absolute, so a label that is not redrawn stays true. */
export function clock(at: number, now: number): string {
  const date = new Date(at);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString('en', { month: 'short', day: 'numeric' })}, ${time}`;
}

export const STATE_LABELS: Record<TaskState, string> = {
  running: 'Running',
  queued: 'Queued',
  blocked: 'Blocked',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** "Running · claude · 8k2m4x7q1z9a": a task in a quick pick, findable by its id. */
export function taskPickDescription(task: { state: TaskState; agent: string; id: string }): string {
  return `${STATE_LABELS[task.state]} · ${task.agent} · ${task.id}`;
}

/** "5 tasks finished: 4 completed, 1 failed", for a batch that ends at once. */
export function finishedSummary(tasks: readonly { state: TaskState }[]): string {
  const parts = (['completed', 'failed', 'cancelled'] as const)
    .map((state) => [tasks.filter((t) => t.state === state).length, state] as const)
    .filter(([n]) => n > 0)
    .map(([n, state]) => `${n} ${state}`);
  return `${tasks.length} tasks finished: ${parts.join(', ')}`;
}

/**
 * A finished task's notification, one line: how it ended and its title, then the first line of
 * the agent's final message and its refused actions — "Completed in 12s: Add x.txt — Created
 * nothing. — 1 action refused: Bash touch x.txt"; a failure says why in the reason's own words
 * ("Failed: Fix the build — claude is not installed …").
 */
export function finishedMessage(task: EndFacts & { title: string }, result: TaskResult | undefined): string {
  const failed = task.state === 'failed' && task.reason !== 'timeout';
  const parts = [`${failed ? 'Failed' : outcomeWords(task)}: ${task.title}`];
  const why = failed ? failureWords(task) : undefined;
  if (why) parts.push(why);
  const first = result?.summary ? summaryHead(result.summary, 1)[0] : undefined;
  if (first && first !== why) parts.push(reasonWords(first));
  if (result?.denials.length) parts.push(denialsText(result.denials));
  return parts.join(' — ');
}
