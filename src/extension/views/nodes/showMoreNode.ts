import * as vscode from 'vscode';
import type { TaskState } from '../../../core/taskState';
import { CommandIds } from '../../commandIds';

/** The last row of a long group: loads its next page (the model keeps how many are shown). */
export class ShowMoreNode {
  readonly kind = 'showMore';

  constructor(
    readonly state: TaskState,
    readonly shown: number,
    readonly count: number,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
    item.id = `more:${this.state}`;
    item.description = `${this.shown.toLocaleString('en')} of ${this.count.toLocaleString('en')} shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'showMore';
    item.command = { command: CommandIds.showMoreTasks, title: 'Show More', arguments: [this.state] };
    return item;
  }
}
