import * as vscode from 'vscode';
import type { RetryState } from '../../../core/results';
import { retryText } from '../../../core/results';
import type { Task } from '../../../core/task';
import { resumeWords } from '../../../core/usageLimit';
import { formatDuration } from '../../../protocol/duration';
import { CommandIds } from '../../commandIds';
import { clock, outcome } from '../format';
import { stateIcon } from '../icons';
import { type TaskDetails, taskTooltip } from '../tooltips';

/** A task in the Tasks view. Its contextValue (`task.<state>`) selects its context menu. */
export class TaskNode {
  readonly kind = 'task';

  constructor(
    readonly task: Task,
    /** Blocked tasks: the ids it still waits for. */
    readonly waitsFor?: readonly string[],
  ) {}

  get taskId(): string {
    return this.task.id;
  }

  /**
   * `retrying`: what a running task's agent reported last (it is retrying a failed request);
   * `paused`: when a paused task resumes ("resumes 15:00", Engine.pausedWords).
   */
  toTreeItem(now: number, retrying?: RetryState, paused?: string): vscode.TreeItem {
    const { task } = this;
    const item = new vscode.TreeItem(task.title || task.id, vscode.TreeItemCollapsibleState.None);
    // The state is part of the id: while two groups redraw, a task may briefly be in both.
    item.id = `task:${task.state}:${task.id}`;
    item.description = describe(task, now, this.waitsFor, retrying, paused);
    const refused = (task.denialCount ?? 0) > 0;
    // Refused actions outweigh "completed": the agent did not do all it was asked.
    item.iconPath = refused
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : stateIcon(task.state, task.cancelRequestedAt !== null);
    item.contextValue = `task.${task.state}${refused ? '.refused' : ''}`;
    item.tooltip = taskTooltip(task, now, this.waitsFor, { retrying });
    item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [task.id] };
    item.accessibilityInformation = { label: `${task.title}, ${task.state}, ${item.description}` };
    return item;
  }

  /** The hover with what the task relates to, read when it is shown (see TasksProvider.resolveTreeItem). */
  tooltip(now: number, details: TaskDetails): vscode.MarkdownString {
    return taskTooltip(this.task, now, this.waitsFor, details);
  }
}

/**
 * "claude · full · since 14:02", "claude · edit · retrying (2/10): 401 …", "claude · edit · 2
 * refused · 1m 05s · 14:03", "claude · edit · usage limit · resumes 15:00".
 */
export function describe(
  task: Task,
  now: number,
  waitsFor: readonly string[] | undefined,
  retrying?: RetryState,
  paused?: string,
): string {
  const parts = [task.agent];
  if (task.autonomy) parts.push(task.autonomy);
  if (task.priority !== 'P1') parts.push(task.priority);
  if (task.state === 'paused') {
    parts.push('usage limit', paused ?? resumeWords(task.resumeAt, now));
  } else if (task.state === 'running') {
    parts.push(
      task.cancelRequestedAt
        ? 'cancelling…'
        : retrying
          ? retryText(retrying)
          : `since ${clock(task.startedAt ?? task.createdAt, now)}`,
    );
  } else if (task.endedAt) {
    const how = outcome(task);
    if (how) parts.push(how);
    if (task.denialCount) parts.push(`${task.denialCount} refused`);
    if (task.startedAt) parts.push(formatDuration(task.endedAt - task.startedAt));
    parts.push(clock(task.endedAt, now));
  } else if (waitsFor?.length) {
    const [first, ...rest] = waitsFor;
    parts.push(`waits for ${first}${rest.length ? ` +${rest.length}` : ''}`);
  } else {
    parts.push(clock(task.createdAt, now));
  }
  return parts.join(' · ');
}
