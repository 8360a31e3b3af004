/**
 * Which worktree task a worktree command acts on: the view items or id it was given (see
 * taskArguments.ts), or — from the palette — a quick pick of the finished tasks whose worktree it
 * applies to. The pick reads the shared state only; whether there are changes is git's to say.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { taskPickDescription } from '../views/format';
import { taskIdsFrom } from './taskArguments';

// As taskArguments.ts: enough to find a recent task.
const PICK_LIMIT = 200;

export type WorktreeFilter =
  /** The worktree is still there (Review, Discard, Open Worktree). */
  | 'present'
  /** …and its changes were never applied (Apply). */
  | 'unapplied';

export function worktreeIsPresent(task: Task): boolean {
  return task.worktreePath !== null && task.worktreeRemovedAt === null && existsSync(task.worktreePath);
}

const matches = (task: Task, filter: WorktreeFilter) =>
  isTerminal(task.state) &&
  worktreeIsPresent(task) &&
  (filter === 'present' || task.worktreeAppliedAt === null);

export async function worktreeTasksFrom(
  engine: Engine,
  args: { arg: unknown; selected?: unknown },
  pick: { filter: WorktreeFilter; placeHolder: string; none: string; canPickMany?: boolean },
): Promise<string[]> {
  const ids = taskIdsFrom(args.arg, args.selected);
  if (ids.length) return ids;
  const tasks = engine
    .list({ states: ['completed', 'failed', 'cancelled'], limit: PICK_LIMIT })
    .filter((task) => matches(task, pick.filter));
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(pick.none);
    return [];
  }
  const items = tasks.map((task) => ({
    label: task.title || task.id,
    description: taskPickDescription(task),
    task,
  }));
  const options = { placeHolder: pick.placeHolder, matchOnDescription: true };
  if (pick.canPickMany) {
    const chosen = await vscode.window.showQuickPick(items, { ...options, canPickMany: true });
    return chosen?.map((item) => item.task.id) ?? [];
  }
  const chosen = await vscode.window.showQuickPick(items, options);
  return chosen ? [chosen.task.id] : [];
}

/** "1 file", "3 files". */
export function filesText(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

/** "a.ts, b.ts" — at most `max` names, then how many more. */
export function namesText(names: readonly string[], max = 10): string {
  return names.length > max
    ? `${names.slice(0, max).join(', ')} and ${names.length - max} more`
    : names.join(', ');
}
