/**
 * The Tasks view (dispatch.tasks): every task grouped by state with counts. Fed by the Tasks
 * model, which re-reads the store on each change event and says which groups changed; only those
 * groups are redrawn (the root only when a group appears or disappears).
 */
import * as vscode from 'vscode';
import type { TaskState } from '../../core/taskState';
import { ViewIds } from '../commandIds';
import type { TasksModel } from '../model/tasksModel';
import { GroupNode } from './nodes/groupNode';
import { ShowMoreNode } from './nodes/showMoreNode';
import { TaskNode } from './nodes/taskNode';
import type { RelatedIds } from './tooltips';

export type TasksViewNode = GroupNode | TaskNode | ShowMoreNode;

export class TasksProvider implements vscode.TreeDataProvider<TasksViewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TasksViewNode | TasksViewNode[] | undefined>();
  private readonly groups = new Map<TaskState, GroupNode>();
  private readonly subscription: { dispose(): void };
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly model: TasksModel,
    /** A task's relations (dependencies, dependents, retries, resumes), for its hover. */
    private readonly relatedTo: (taskId: string) => RelatedIds | undefined = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = model.onDidChange((change) => {
      if (change.root) this.emitter.fire(undefined);
      else this.emitter.fire(change.groups.map((state) => this.groupNode(state)));
    });
  }

  getTreeItem(node: TasksViewNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return node.toTreeItem(this.model.group(node.state));
      case 'task':
        return node.toTreeItem(this.now());
      case 'showMore':
        return node.toTreeItem();
    }
  }

  /** Relations cost a few queries per task: read them only for the row being hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TasksViewNode): vscode.TreeItem {
    if (node.kind === 'task') item.tooltip = node.tooltip(this.now(), this.relatedTo(node.taskId));
    return item;
  }

  getChildren(node?: TasksViewNode): TasksViewNode[] {
    // No tasks: no groups, so VS Code shows the view's welcome content.
    if (!node) return this.model.visibleStates().map((state) => this.groupNode(state));
    if (node.kind !== 'group') return [];
    const group = this.model.group(node.state);
    const children: TasksViewNode[] = group.tasks.map(
      (task) => new TaskNode(task, group.waitingFor?.get(task.id)),
    );
    if (group.count > group.tasks.length) {
      children.push(new ShowMoreNode(node.state, group.tasks.length, group.count));
    }
    return children;
  }

  getParent(node: TasksViewNode): TasksViewNode | undefined {
    if (node.kind === 'group') return undefined;
    return this.groupNode(node.kind === 'task' ? node.task.state : node.state);
  }

  private groupNode(state: TaskState): GroupNode {
    const node = this.groups.get(state) ?? new GroupNode(state);
    this.groups.set(state, node);
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export function registerTasksView(
  context: vscode.ExtensionContext,
  model: TasksModel,
  relatedTo?: (taskId: string) => RelatedIds | undefined,
): TasksProvider {
  const provider = new TasksProvider(model, relatedTo);
  const view = vscode.window.createTreeView(ViewIds.tasks, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });
  context.subscriptions.push(provider, view);
  return provider;
}
