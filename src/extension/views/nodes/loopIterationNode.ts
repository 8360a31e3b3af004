import * as vscode from 'vscode';
import { type IterationEntry, iterationSummary, type Loop } from '../../../core/loop';
import { CommandIds } from '../../commandIds';
import { stateIcon } from '../icons';

/** One iteration of a loop: its task's state, its check's exit code and score; opens its output. */
export class LoopIterationNode {
  readonly kind = 'loopIteration';

  constructor(
    readonly loop: Loop,
    readonly iteration: IterationEntry,
  ) {}

  /** Its task, so task commands (Show Output, Copy Task ID) accept the node. */
  get taskId(): string {
    return this.iteration.taskId;
  }

  toTreeItem(): vscode.TreeItem {
    const { iteration } = this;
    const item = new vscode.TreeItem(`Iteration ${iteration.number}`, vscode.TreeItemCollapsibleState.None);
    // The state is part of the id, as for a task row: the row is redrawn when its task moves on.
    item.id = `loopIteration:${iteration.taskId}:${iteration.state}`;
    item.description = iterationSummary(iteration, this.loop);
    item.iconPath = iteration.state
      ? stateIcon(iteration.state)
      : new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'));
    item.contextValue = 'loopIteration';
    item.tooltip = `Task ${iteration.taskId} · ${item.description}`;
    if (iteration.state) {
      item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [iteration.taskId] };
    }
    item.accessibilityInformation = { label: `Iteration ${iteration.number}, ${item.description}` };
    return item;
  }
}
