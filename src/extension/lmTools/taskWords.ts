/**
 * What the editor's language model tools tell a model about a task: plain lines it can act on
 * (state, why it ended, the agent's summary, refusals, usage, the loop it is an iteration of, its
 * worktree and what to do with the changes there). Pure, so it is unit-testable without an editor;
 * the loop's words are core/loopText.ts's, as `dispatch show` says them.
 */
import { checkOutcome, loopCheck, type TaskIteration } from '../../core/loopText';
import { denialsText, type RetryState, retryText, type TaskResult, usageText } from '../../core/results';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import { type ChangeSummary, changeSummaryText } from '../../core/worktree';
import { LanguageModelToolNames as Tools } from './toolInputs';

export interface TaskReport {
  result?: TaskResult;
  /** A running agent's retry in progress. */
  retry?: RetryState;
  /** The loop the task is an iteration of. */
  iteration?: TaskIteration;
  /** What an ended worktree task changed; undefined when git was not asked or could not tell. */
  changes?: ChangeSummary;
}

export function taskWords(task: Task, report: TaskReport = {}): string {
  const { result, retry, iteration, changes } = report;
  const lines = [
    `Task ${task.id} (${task.agent}, ${task.priority}, autonomy ${task.autonomy ?? 'default'}): ${task.title}`,
    `State: ${task.state}${task.reason ? ` (${task.reason})` : ''}`,
  ];
  if (iteration) lines.push(...iterationWords(iteration));
  if (task.worktreePath) lines.push(worktreeWords(task, changes));
  if (retry) lines.push(`The agent is ${retryText(retry)}`);
  if (result?.denials.length)
    lines.push(`${denialsText(result.denials)} (the task needs more autonomy, or a person, for these)`);
  const usage = result && usageText(result.usage, result.costUsd);
  if (usage) lines.push(`Usage: ${usage}`);
  if (result?.summary) lines.push('', 'Summary from the agent:', result.summary);
  return lines.join('\n');
}

/** The same facts as `dispatch show`'s `loop`, `until`/`eval` and `check` lines. */
function iterationWords(found: TaskIteration): string[] {
  const { loop, iteration } = found;
  const [kind, command] = loopCheck(loop);
  return [
    `Loop: iteration ${iteration.number} of ${loop.maxIterations} of loop ${loop.id} (${loop.state}); ` +
      `every iteration: ${Tools.loopStatus} with loopId "${loop.id}"`,
    `Check: ${kind} ${command}: ${checkOutcome(found) ?? 'not run yet'}`,
  ];
}

function worktreeWords(task: Task, changes: ChangeSummary | undefined): string {
  const where = `Worktree: ${task.worktreePath} (branch ${task.worktreeBranch})`;
  const review = `review its changes with ${Tools.diff}, then ${Tools.apply} or ${Tools.discard}`;
  if (task.worktreeRemovedAt !== null) return `${where}, discarded`;
  if (!isTerminal(task.state)) return `${where}; once the task ended, ${review}`;
  if (task.worktreeAppliedAt !== null) return `${where}; its changes were applied to the workspace`;
  if (!changes) return `${where}; ${review}`;
  if (changes.files === 0) return `${where}; no changes`;
  return `${where}; ${changeSummaryText(changes)}, not applied yet: ${review}`;
}
