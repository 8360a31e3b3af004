/**
 * A notification when a task ends, per `dispatch.notifications` (all / failures / none), shown
 * in one window only: which one is decided in model/finishWatch.ts. A task cancelled before it
 * started is not announced: the person who cancelled it knows. More than a few at once become
 * one summary.
 */
import * as vscode from 'vscode';
import type { TaskResult } from '../core/results';
import type { Task } from '../core/task';
import { CommandIds, ViewIds } from './commandIds';
import type { EngineHost } from './engineHost';
import { shouldAnnounce } from './model/finishWatch';
import type { LiveState } from './model/liveState';
import type { Settings } from './settings';
import { finishedMessage, finishedSummary } from './views/format';

const RUN_FULL = 'Run Again with Full Autonomy';

/** With the agent's first line of summary; refused actions make it a warning with a way past them. */
function announce(task: Task, result: TaskResult | undefined): void {
  const refused = (result?.denials.length ?? 0) > 0;
  const actions = [
    'Show Output',
    ...(refused ? [RUN_FULL] : []),
    ...(task.state === 'completed' ? [] : ['Retry']),
  ];
  const message = finishedMessage(task, result);
  const shown =
    task.state === 'failed'
      ? vscode.window.showErrorMessage(message, ...actions)
      : task.state === 'cancelled' || refused
        ? vscode.window.showWarningMessage(message, ...actions)
        : vscode.window.showInformationMessage(message, ...actions);
  void shown.then((choice) => {
    if (choice === 'Show Output') void vscode.commands.executeCommand(CommandIds.showOutput, task.id);
    if (choice === 'Retry') void vscode.commands.executeCommand(CommandIds.retryTask, task.id);
    if (choice === RUN_FULL) void vscode.commands.executeCommand(CommandIds.retryFullAutonomy, task.id);
  });
}

// More at once than a person reads as separate toasts (a batch, a pipeline cancelled): one summary.
const AT_ONCE = 3;

function summarize(tasks: readonly Task[]): void {
  const message = finishedSummary(tasks);
  const shown = tasks.some((t) => t.state === 'failed')
    ? vscode.window.showWarningMessage(message, 'Show Tasks')
    : vscode.window.showInformationMessage(message, 'Show Tasks');
  void shown.then((choice) => {
    if (choice) void vscode.commands.executeCommand(`${ViewIds.tasks}.focus`);
  });
}

export function registerNotifications(
  context: vscode.ExtensionContext,
  deps: { live: LiveState; settings: Settings; host: EngineHost },
): void {
  context.subscriptions.push(
    deps.live.onDidFinish((finished) => {
      const tasks = finished.filter((t) => shouldAnnounce(t, deps.settings.current.notifications));
      if (tasks.length > AT_ONCE) summarize(tasks);
      else for (const task of tasks) announce(task, deps.host.engine?.result(task.id));
    }),
  );
}
