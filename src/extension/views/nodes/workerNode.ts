import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { WorkerEntry } from '../../model/workersModel';
import { stateIcon } from '../icons';
import { workerLabel } from '../rowText';
import { workerTooltip } from '../tooltips';

/**
 * A running task in the Workers view. The provider keeps one instance per task and swaps its
 * entry on refresh, so the 1 s tick can redraw exactly these elements.
 */
export class WorkerNode {
  readonly kind = 'worker';

  constructor(public entry: WorkerEntry) {}

  get taskId(): string {
    return this.entry.task.id;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const { task, worker, owner } = this.entry;
    const elapsed = now - (worker.startedAt ?? worker.claimedAt);
    // The agent and the time lead the label: a narrow side bar cuts the end of a row.
    const item = new vscode.TreeItem(workerLabel(task, elapsed), vscode.TreeItemCollapsibleState.None);
    item.id = `worker:${task.id}`;
    const cancelling = task.cancelRequestedAt !== null;
    item.description = owner.label;
    item.iconPath = stateIcon('running', cancelling);
    item.contextValue = owner.kind === 'this-window' ? 'worker.local' : 'worker.remote';
    item.tooltip = workerTooltip(this.entry, now);
    item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [task.id] };
    return item;
  }
}
