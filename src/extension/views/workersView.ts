/**
 * The Workers view (dispatch.workers): what runs right now in any window of this workspace, and
 * below it the agents paused at their usage limit. Fed by the Workers and pauses models on store
 * changes; while something runs and the view is visible, a 1 s timer redraws the rows so their
 * elapsed time ticks (nothing is re-read for that).
 */
import * as vscode from 'vscode';
import { ViewIds } from '../commandIds';
import type { AgentPausesModel } from '../model/agentPausesModel';
import type { WorkersModel } from '../model/workersModel';
import { PausedAgentNode } from './nodes/pausedAgentNode';
import { WorkerNode } from './nodes/workerNode';

export type WorkersViewNode = WorkerNode | PausedAgentNode;

const TICK_MS = 1000;

export class WorkersProvider implements vscode.TreeDataProvider<WorkersViewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<WorkersViewNode | WorkersViewNode[] | undefined>();
  private readonly subscriptions: { dispose(): void }[];
  // Stable instances per task: a tick redraws elements VS Code already knows.
  private nodes = new Map<string, WorkerNode>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly model: WorkersModel,
    private readonly now: () => number = Date.now,
    private readonly pauses?: AgentPausesModel,
  ) {
    const redraw = () => this.emitter.fire(undefined);
    this.subscriptions = [model.onDidChange(redraw), ...(pauses ? [pauses.onDidChange(redraw)] : [])];
  }

  getTreeItem(node: WorkersViewNode): vscode.TreeItem {
    return node.toTreeItem(this.now());
  }

  getChildren(node?: WorkersViewNode): WorkersViewNode[] {
    if (node) return [];
    const pauses = this.pauses;
    if (!pauses) return this.workerNodes();
    return [
      ...this.workerNodes(),
      ...pauses.pauses.map((p) => new PausedAgentNode(p, pauses.autoResume, pauses.pausedTasks(p.agent))),
    ];
  }

  private workerNodes(): WorkerNode[] {
    const next = new Map<string, WorkerNode>();
    for (const entry of this.model.entries) {
      const existing = this.nodes.get(entry.task.id);
      if (existing) existing.entry = entry;
      next.set(entry.task.id, existing ?? new WorkerNode(entry));
    }
    this.nodes = next;
    return [...next.values()];
  }

  /** Redraws every row (only the elapsed time changes). */
  tick(): void {
    if (this.nodes.size) this.emitter.fire([...this.nodes.values()]);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.emitter.dispose();
  }
}

export function registerWorkersView(
  context: vscode.ExtensionContext,
  model: WorkersModel,
  pauses?: AgentPausesModel,
): WorkersProvider {
  const provider = new WorkersProvider(model, Date.now, pauses);
  const view = vscode.window.createTreeView(ViewIds.workers, { treeDataProvider: provider });
  let timer: NodeJS.Timeout | undefined;
  const update = () => {
    const running = model.entries.length;
    view.badge = running ? { value: running, tooltip: `${running} running` } : undefined;
    const wanted = running > 0 && view.visible;
    if (wanted && !timer) timer = setInterval(() => provider.tick(), TICK_MS);
    if (!wanted && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  context.subscriptions.push(provider, view, model.onDidChange(update), view.onDidChangeVisibility(update), {
    dispose: () => clearInterval(timer),
  });
  update();
  return provider;
}
