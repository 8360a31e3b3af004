import * as vscode from 'vscode';
import type { TaskState } from '../../../core/taskState';
import type { TaskGroup } from '../../model/tasksModel';
import { STATE_LABELS } from '../format';
import { stateIcon } from '../icons';

// Long finished groups start collapsed so Failed stays in sight below Completed; VS Code then
// remembers what the user opened (the ids are stable).
const COLLAPSED: readonly TaskState[] = ['completed', 'cancelled'];

/** A state group of the Tasks view ("Running 2"). One instance per state, kept by the provider. */
export class GroupNode {
  readonly kind = 'group';

  constructor(readonly state: TaskState) {}

  toTreeItem(group: TaskGroup): vscode.TreeItem {
    const item = new vscode.TreeItem(
      STATE_LABELS[this.state],
      COLLAPSED.includes(this.state)
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = `group:${this.state}`;
    item.description = group.count.toLocaleString('en');
    item.iconPath = stateIcon(this.state);
    item.contextValue = `group.${this.state}`;
    item.tooltip = `${group.count.toLocaleString('en')} ${STATE_LABELS[this.state].toLowerCase()} task${group.count === 1 ? '' : 's'}`;
    return item;
  }
}
