/** The agent's result and retries on a terminal and in `--json` (a stable contract for scripts). */
import {
  denialsText,
  type RetryState,
  retryText,
  summaryHead,
  type TaskResult,
  usageText,
} from '../core/results';
import type { Task } from '../core/task';

/** `show --json`'s `result`: null until the task has ended with an agent that reports one. */
export function resultJson(result: TaskResult | undefined): Record<string, unknown> | null {
  if (!result) return null;
  const { summary, sessionId, model, usage, costUsd, turns, durationMs, denials } = result;
  return {
    summary,
    sessionId,
    model,
    usage: usage && {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputTokens: usage.cachedInputTokens ?? 0,
    },
    costUsd,
    turns,
    durationMs,
    denials,
  };
}

/** Rows for `show`: what the agent did, said and cost. */
export function resultRows(
  task: Task,
  result: TaskResult | undefined,
  retry: RetryState | undefined,
): [string, string | null][] {
  const rows: [string, string | null][] = [];
  if (task.state === 'running' && retry) rows.push(['agent', retryText(retry)]);
  if (!result) return rows;
  if (result.denials.length) rows.push(['refused', denialsText(result.denials)]);
  rows.push(['session', result.sessionId]);
  rows.push(['ran model', result.model]);
  const turns = result.turns === null ? '' : `${result.turns} turn${result.turns === 1 ? '' : 's'}`;
  const usage = [usageText(result.usage, result.costUsd), turns].filter(Boolean).join(' · ');
  rows.push(['usage', usage || null]);
  return rows;
}

/** The summary's first lines, indented, for `show`'s end. */
export function summaryBlock(result: TaskResult | undefined): string {
  if (!result?.summary) return '';
  return `\n\nsummary:\n${summaryHead(result.summary, 6)
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

/** What `list` adds after a title: refusals, or a running agent's retry. */
export function listMarks(task: Task, retry: RetryState | undefined): string {
  const marks: string[] = [];
  if (task.denialCount) marks.push(`${task.denialCount} refused`);
  if (task.state === 'running' && retry) marks.push(retryText(retry));
  return marks.length ? `  [${marks.join('; ')}]` : '';
}
