import * as vscode from 'vscode';
import { formatDuration } from '../../../protocol/duration';
import { CommandIds } from '../../commandIds';
import type { WorkerEntry } from '../../model/workersModel';
import { stateIcon } from '../icons';
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
    const item = new vscode.TreeItem(task.title || task.id, vscode.TreeItemCollapsibleState.None);
    item.id = `worker:${task.id}`;
    const cancelling = task.cancelRequestedAt !== null;
    const elapsed = formatDuration(now - (worker.startedAt ?? worker.claimedAt));
    item.description = [task.agent, cancelling ? 'cancelling…' : elapsed, owner.label].join(' · ');
    item.iconPath = stateIcon('running', cancelling);
    item.contextValue = owner.kind === 'this-window' ? 'worker.local' : 'worker.remote';
    item.tooltip = workerTooltip(this.entry, now);
    item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [task.id] };
    return item;
  }
}
