/**
 * A notification when a task ends, per `dispatch.notifications` (all / failures / none), shown
 * in one window only: which one is decided in model/finishWatch.ts. A task cancelled before it
 * started is not announced: the person who cancelled it knows.
 */
import * as vscode from 'vscode';
import type { Task } from '../core/task';
import { CommandIds } from './commandIds';
import type { LiveState } from './model/liveState';
import type { Settings } from './settings';
import { outcome } from './views/format';

export function shouldAnnounce(task: Task, level: 'all' | 'failures' | 'none'): boolean {
  if (level === 'none') return false;
  if (task.state === 'failed') return true;
  if (level === 'failures') return false;
  return task.state === 'completed' || (task.state === 'cancelled' && task.startedAt !== null);
}

function announce(task: Task): void {
  const why = outcome(task);
  const actions = task.state === 'completed' ? ['Show Output'] : ['Show Output', 'Retry'];
  const shown =
    task.state === 'completed'
      ? vscode.window.showInformationMessage(`Completed: ${task.title}`, ...actions)
      : task.state === 'failed'
        ? vscode.window.showErrorMessage(`Failed: ${task.title}${why ? ` (${why})` : ''}`, ...actions)
        : vscode.window.showWarningMessage(`Cancelled: ${task.title}`, ...actions);
  void shown.then((choice) => {
    if (choice === 'Show Output') void vscode.commands.executeCommand(CommandIds.showOutput, task.id);
    if (choice === 'Retry') void vscode.commands.executeCommand(CommandIds.retryTask, task.id);
  });
}

export function registerNotifications(
  context: vscode.ExtensionContext,
  deps: { live: LiveState; settings: Settings },
): void {
  context.subscriptions.push(
    deps.live.onDidFinish((tasks) => {
      for (const task of tasks) if (shouldAnnounce(task, deps.settings.current.notifications)) announce(task);
    }),
  );
}
