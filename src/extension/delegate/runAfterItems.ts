/**
 * The rows of Delegate Task's "Run after…" step: the tasks a new task can wait for — unfinished
 * ones (running, paused at a usage limit, queued, blocked) first, then completed ones, newest
 * first within each. Failed and cancelled tasks are left out: a task waiting for one would be
 * cancelled at once (Retry or Resume is what they need). Only types from vscode, so it is
 * unit-tested in plain Node.
 */
import type * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { TaskState } from '../../core/taskState';
import { taskPickDescription } from '../views/format';

export interface RunAfterItem extends vscode.QuickPickItem {
  taskId?: string;
}

/** The states a new task may wait for, in the order the step lists them. */
export const RUN_AFTER_STATES: readonly TaskState[] = ['running', 'paused', 'queued', 'blocked', 'completed'];

const SEPARATOR = -1 as vscode.QuickPickItemKind.Separator;

export function runAfterItems(tasks: readonly Task[]): RunAfterItem[] {
  const row = (task: Task): RunAfterItem => ({
    label: task.title || task.id,
    description: taskPickDescription(task),
    taskId: task.id,
  });
  const newestFirst = (a: Task, b: Task) => b.createdAt - a.createdAt;
  const unfinished = tasks
    .filter((t) => t.state !== 'completed' && RUN_AFTER_STATES.includes(t.state))
    .sort(
      (a, b) => RUN_AFTER_STATES.indexOf(a.state) - RUN_AFTER_STATES.indexOf(b.state) || newestFirst(a, b),
    );
  const completed = tasks.filter((t) => t.state === 'completed').sort(newestFirst);
  const items: RunAfterItem[] = [];
  if (unfinished.length) items.push({ label: 'not finished', kind: SEPARATOR }, ...unfinished.map(row));
  if (completed.length) items.push({ label: 'completed', kind: SEPARATOR }, ...completed.map(row));
  return items;
}

/** What the step offers: every unfinished task the list holds, and the most recent completed ones. */
export function runAfterCandidates(list: (filter: { states: TaskState[]; limit: number }) => Task[]): Task[] {
  return [
    ...list({ states: ['running', 'paused', 'queued', 'blocked'], limit: 200 }),
    ...list({ states: ['completed'], limit: 50 }),
  ];
}
