/**
 * The Tasks view's worktree part: a finished worktree task's row says what it left to review
 * ("3 files changed", "applied", …), gains the context flags of worktreeRow.ts, and expands to
 * the files it changed (changedFileNode.ts). Read from WorktreeReviews, whose changes redraw the
 * rows' groups.
 */
import * as vscode from 'vscode';
import type { Task } from '../../../core/task';
import type { TaskState } from '../../../core/taskState';
import type { WorktreeReviews } from '../../model/worktreeReviews';
import type { TaskNode } from '../nodes/taskNode';
import { ChangedFileNode } from './changedFileNode';
import { worktreeContext, worktreeDescription } from './worktreeRow';

export class WorktreeChildren {
  constructor(private readonly reviews: WorktreeReviews) {}

  /** Fires with the states whose groups hold a row that changed. */
  onDidChange(listener: (states: TaskState[]) => void): vscode.Disposable {
    const subscription = this.reviews.onDidChange((ids) => {
      const states = new Set<TaskState>();
      for (const id of ids) {
        const state = this.reviews.task(id)?.state;
        if (state) states.add(state);
      }
      // A task no longer tracked (deleted, or the engine changed): its group is not known here.
      listener(states.size ? [...states] : ['completed', 'failed', 'cancelled']);
    });
    return new vscode.Disposable(() => subscription.dispose());
  }

  decorate(item: vscode.TreeItem, task: Task): vscode.TreeItem {
    const review = this.reviews.get(task);
    if (!review) return item;
    item.description = worktreeDescription(review, String(item.description ?? ''));
    item.contextValue = `${item.contextValue}${worktreeContext(review)}`;
    if (review.kind === 'changes') item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    if (item.accessibilityInformation)
      item.accessibilityInformation = { label: `${task.title}, ${task.state}, ${item.description}` };
    return item;
  }

  /**
   * The files, as last read; git is read again meanwhile, since the user may have edited the
   * worktree (Open Worktree in New Window): a difference redraws the row.
   */
  children(node: TaskNode): ChangedFileNode[] {
    const review = this.reviews.get(node.task);
    const task = this.reviews.task(node.taskId);
    if (review?.kind !== 'changes' || !task?.worktreePath) return [];
    void this.reviews.reread(node.taskId);
    return review.files.map((file) => new ChangedFileNode(node, task.worktreePath!, file));
  }
}
