/**
 * The Tasks view (dispatch.tasks): every task grouped by state with counts. Fed by the Tasks
 * model, which re-reads the store on each change event and says which groups changed; only those
 * groups are redrawn (the root only when a group appears or disappears).
 */
import * as vscode from 'vscode';
import type { RetryState } from '../../core/results';
import type { Task } from '../../core/task';
import type { TaskState } from '../../core/taskState';
import { ViewIds } from '../commandIds';
import type { AgentPausesModel } from '../model/agentPausesModel';
import type { LoopsModel } from '../model/loopsModel';
import type { TasksModel } from '../model/tasksModel';
import { isLoopViewNode, LoopsSection, type LoopViewNode } from './loopsSection';
import { GroupNode } from './nodes/groupNode';
import { ShowMoreNode } from './nodes/showMoreNode';
import { TaskNode } from './nodes/taskNode';
import type { ChangedFileNode } from './tasks/changedFileNode';
import type { WorktreeChildren } from './tasks/worktreeChildren';
import type { TaskDetails } from './tooltips';

/** What rows and hovers read besides the Tasks model: files next to the task, relations. */
export interface TaskDetailsReader {
  /** For the hover: read only for the row being hovered. */
  details(taskId: string): TaskDetails;
  /** For a running row: the retry its agent reported last. */
  retrying(taskId: string): RetryState | undefined;
  /** For a paused row and its hover: what comes next ("resumes 15:00", or that it waits for Resume Now). */
  pausedWords?(task: Task): string;
}

/** How often running rows are redrawn while the view is visible: their time ticks, their retry shows. */
const TICK_MS = 1000;

const NO_DETAILS: TaskDetailsReader = { details: () => ({}), retrying: () => undefined };

export type TasksViewNode = GroupNode | TaskNode | ShowMoreNode | ChangedFileNode | LoopViewNode;

export class TasksProvider implements vscode.TreeDataProvider<TasksViewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TasksViewNode | TasksViewNode[] | undefined>();
  private readonly groups = new Map<TaskState, GroupNode>();
  private readonly subscriptions: { dispose(): void }[];
  private readonly ticker: ReturnType<typeof setInterval>;
  /** Set by registerTasksView: a hidden view is not redrawn. */
  visible = true;
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly model: TasksModel,
    /** A task's relations and result for its hover, and a running task's retry. */
    private readonly reader: TaskDetailsReader = NO_DETAILS,
    private readonly now: () => number = Date.now,
    /** Finished worktree tasks: what they changed, as rows' words and children. */
    private readonly worktrees?: WorktreeChildren,
    /** The Loops group above the state groups (loopsSection.ts). */
    private readonly loops?: LoopsSection,
  ) {
    this.subscriptions = [
      model.onDidChange((change) => {
        if (change.root) this.emitter.fire(undefined);
        else this.emitter.fire(change.groups.map((state) => this.groupNode(state)));
      }),
    ];
    if (worktrees) {
      this.subscriptions.push(
        worktrees.onDidChange((states) =>
          this.emitter.fire(states.filter((s) => this.model.count(s) > 0).map((s) => this.groupNode(s))),
        ),
      );
    }
    if (loops) {
      this.subscriptions.push(
        loops.onDidChange((root) => this.emitter.fire(root ? undefined : [loops.group])),
      );
    }
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref?.();
  }

  /**
   * Redraws the running rows: their elapsed time moves, and a retry their agent reported is
   * written by the supervisor next to its log, not to the shared state, so no change event
   * announces it.
   */
  tick(): void {
    if (this.visible && this.model.count('running') > 0) this.emitter.fire([this.groupNode('running')]);
  }

  /**
   * Redraws the Paused rows: what they say comes next depends on the agents' pauses and on
   * dispatch.usageLimit.autoResume, neither of which is in the rows' own data.
   */
  redrawPaused(): void {
    if (this.model.count('paused') > 0) this.emitter.fire([this.groupNode('paused')]);
  }

  getTreeItem(node: TasksViewNode): vscode.TreeItem {
    if (isLoopViewNode(node)) return this.loops!.treeItem(node);
    switch (node.kind) {
      case 'group':
        return node.toTreeItem(this.model.group(node.state));
      case 'task': {
        const item = node.toTreeItem(
          this.now(),
          node.task.state === 'running' ? this.reader.retrying(node.taskId) : undefined,
          node.task.state === 'paused' ? this.reader.pausedWords?.(node.task) : undefined,
        );
        return this.worktrees ? this.worktrees.decorate(item, node.task) : item;
      }
      case 'showMore':
      case 'changedFile':
        return node.toTreeItem();
    }
  }

  /** Relations and results cost queries and a file read: read them only for the row being hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TasksViewNode): vscode.TreeItem {
    if (node.kind === 'task') {
      const paused = node.task.state === 'paused' ? this.reader.pausedWords?.(node.task) : undefined;
      item.tooltip = node.tooltip(this.now(), { ...this.reader.details(node.taskId), paused });
    }
    return item;
  }

  getChildren(node?: TasksViewNode): TasksViewNode[] {
    // No tasks: no groups, so VS Code shows the view's welcome content.
    if (!node)
      return [
        ...(this.loops?.roots() ?? []),
        ...this.model.visibleStates().map((state) => this.groupNode(state)),
      ];
    if (isLoopViewNode(node)) return this.loops?.children(node) ?? [];
    if (node.kind === 'task') return this.worktrees?.children(node) ?? [];
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
    if (isLoopViewNode(node)) return this.loops?.parent(node);
    if (node.kind === 'group') return undefined;
    if (node.kind === 'changedFile') return node.parent;
    return this.groupNode(node.kind === 'task' ? node.task.state : node.state);
  }

  private groupNode(state: TaskState): GroupNode {
    const node = this.groups.get(state) ?? new GroupNode(state);
    this.groups.set(state, node);
    return node;
  }

  dispose(): void {
    clearInterval(this.ticker);
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

export function registerTasksView(
  context: vscode.ExtensionContext,
  model: TasksModel,
  reader?: TaskDetailsReader,
  worktrees?: WorktreeChildren,
  loops?: LoopsModel,
  pauses?: AgentPausesModel,
): TasksProvider {
  const provider = new TasksProvider(model, reader, undefined, worktrees, loops && new LoopsSection(loops));
  const view = vscode.window.createTreeView(ViewIds.tasks, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });
  provider.visible = view.visible;
  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility(() => {
      provider.visible = view.visible;
      provider.tick();
    }),
  );
  if (pauses) context.subscriptions.push(pauses.onDidChange(() => provider.redrawPaused()));
  return provider;
}
