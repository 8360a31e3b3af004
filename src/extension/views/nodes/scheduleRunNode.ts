import * as vscode from 'vscode';
import type { ScheduleRun } from '../../../core/schedule';
import { isTaskState } from '../../../core/taskState';
import { CommandIds } from '../../commandIds';
import { clock } from '../format';
import { stateIcon } from '../icons';
import { runDescription } from '../scheduleFormat';

/** One entry of a schedule's history: a task it made (opens its output), or a skipped/missed time. */
export class ScheduleRunNode {
  readonly kind = 'run';

  constructor(
    readonly scheduleId: string,
    readonly run: ScheduleRun,
  ) {}

  /** The task this run made, so task commands (Show Output, Cancel) accept the node. */
  get taskId(): string | undefined {
    return this.run.taskId ?? undefined;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const { run } = this;
    const item = new vscode.TreeItem(clock(run.dueAt, now), vscode.TreeItemCollapsibleState.None);
    item.id = `run:${this.scheduleId}:${run.dueAt}`;
    item.description = runDescription(run);
    item.iconPath = isTaskState(run.outcome)
      ? stateIcon(run.outcome)
      : new vscode.ThemeIcon('debug-step-over', new vscode.ThemeColor('disabledForeground'));
    item.contextValue = run.taskId ? 'scheduleRun.task' : 'scheduleRun';
    item.tooltip = `Due ${new Date(run.dueAt).toLocaleString()} · decided ${new Date(run.at).toLocaleString()}\n${item.description}`;
    if (run.taskId) {
      item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [run.taskId] };
    }
    return item;
  }
}
