import * as vscode from 'vscode';
import type { RetryState } from '../../../core/results';
import type { Task } from '../../../core/task';
import { CommandIds } from '../../commandIds';
import { stateIcon } from '../icons';
import { taskDescription, taskLabel } from '../rowText';
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
   * `paused`: what comes next for a paused task ("resumes 15:00", Engine.pausedWords).
   */
  toTreeItem(now: number, retrying?: RetryState, paused?: string): vscode.TreeItem {
    const { task } = this;
    const item = new vscode.TreeItem(taskLabel(task, now), vscode.TreeItemCollapsibleState.None);
    // The state is part of the id: while two groups redraw, a task may briefly be in both.
    item.id = `task:${task.state}:${task.id}`;
    item.description = taskDescription(task, now, this.waitsFor, retrying, paused);
    const refused = (task.denialCount ?? 0) > 0;
    // Refused actions outweigh "completed": the agent did not do all it was asked.
    item.iconPath = refused
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : stateIcon(task.state, task.cancelRequestedAt !== null);
    item.contextValue = `task.${task.state}${refused ? '.refused' : ''}`;
    item.tooltip = taskTooltip(task, now, this.waitsFor, { retrying, paused });
    item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [task.id] };
    item.accessibilityInformation = {
      label: `${task.title}, ${task.state}, ${task.agent}, ${item.description}`,
    };
    return item;
  }

  /** The hover with what the task relates to, read when it is shown (see TasksProvider.resolveTreeItem). */
  tooltip(now: number, details: TaskDetails): vscode.MarkdownString {
    return taskTooltip(this.task, now, this.waitsFor, details);
  }
}
