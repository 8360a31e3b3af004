/**
 * What the editor's language model tools tell a model about a task: plain lines it can act on
 * (state, why it ended, the agent's summary, refusals, usage). Pure, so it is unit-testable
 * without an editor.
 */
import { denialsText, type RetryState, retryText, type TaskResult, usageText } from '../../core/results';
import type { Task } from '../../core/task';

export function taskWords(task: Task, result?: TaskResult, retry?: RetryState): string {
  const lines = [
    `Task ${task.id} (${task.agent}, ${task.priority}, autonomy ${task.autonomy ?? 'default'}): ${task.title}`,
    `State: ${task.state}${task.reason ? ` (${task.reason})` : ''}`,
  ];
  if (retry) lines.push(`The agent is ${retryText(retry)}`);
  if (result?.denials.length)
    lines.push(`${denialsText(result.denials)} (the task needs more autonomy, or a person, for these)`);
  const usage = result && usageText(result.usage, result.costUsd);
  if (usage) lines.push(`Usage: ${usage}`);
  if (result?.summary) lines.push('', 'Summary from the agent:', result.summary);
  return lines.join('\n');
}
