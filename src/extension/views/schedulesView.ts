/**
 * The Schedules view (dispatch.schedules): every active and paused schedule with its next run
 * time, then recently ended ones; expanding a schedule shows its latest runs (a fired run opens
 * its task's output). Fed by the Schedules model, which fires only when something shown changed.
 */
import * as vscode from 'vscode';
import { localTimeZone } from '../../core/cron';
import { ViewIds } from '../commandIds';
import type { SchedulesModel } from '../model/schedulesModel';
import { ScheduleNode } from './nodes/scheduleNode';
import { ScheduleRunNode } from './nodes/scheduleRunNode';

export type SchedulesViewNode = ScheduleNode | ScheduleRunNode;

export class SchedulesProvider implements vscode.TreeDataProvider<SchedulesViewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<undefined>();
  private readonly subscription: { dispose(): void };
  // Read on first use: the first Intl call costs ~15 ms, which activate() must not pay.
  private localZone: string | undefined;
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly model: SchedulesModel,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getTreeItem(node: SchedulesViewNode): vscode.TreeItem {
    if (node.kind !== 'schedule') return node.toTreeItem(this.now());
    this.localZone ??= localTimeZone();
    return node.toTreeItem(this.now(), this.localZone);
  }

  getChildren(node?: SchedulesViewNode): SchedulesViewNode[] {
    // No schedules: no rows, so VS Code shows the view's welcome content.
    if (!node) return this.model.entries.map((entry) => new ScheduleNode(entry));
    if (node.kind !== 'schedule') return [];
    const entry = this.model.find(node.scheduleId);
    return (entry?.runs ?? []).map((run) => new ScheduleRunNode(node.scheduleId, run));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export function registerSchedulesView(
  context: vscode.ExtensionContext,
  model: SchedulesModel,
): SchedulesProvider {
  const provider = new SchedulesProvider(model);
  const view = vscode.window.createTreeView(ViewIds.schedules, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const update = () => {
    const active = model.entries.filter((e) => e.schedule.status === 'active').length;
    view.description = active ? `${active} active` : undefined;
  };
  context.subscriptions.push(provider, view, model.onDidChange(update));
  update();
  return provider;
}
