/**
 * Notifications of tasks ending, per `dispatch.notifications` (all / failures / none). A task this
 * window follows (delegated or cancelled here) is told in place by notices/taskNotices.ts; the
 * others are announced once, in the one window model/finishWatch.ts picks. More than a few at
 * once become one summary. An agent that pauses at its usage limit is told once, in the one window
 * model/pauseWatch.ts picks, unless the task that hit the limit is followed here (its own
 * notification says so).
 */
import * as vscode from 'vscode';
import type { Task } from '../core/task';
import { ViewIds } from './commandIds';
import type { EngineHost } from './engineHost';
import { shouldAnnounce } from './model/finishWatch';
import type { LiveState } from './model/liveState';
import { shouldAnnouncePause } from './model/pauseWatch';
import { showFinal } from './notices/finalMessage';
import { showAgentPaused } from './notices/pauseMessage';
import { createTaskNotices, type TaskNotices } from './notices/taskNotices';
import type { Settings } from './settings';
import { finishedSummary } from './views/format';

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
): TaskNotices {
  const notices = createTaskNotices(deps);
  context.subscriptions.push(
    notices,
    deps.live.onDidFinish((finished) => {
      const level = deps.settings.current.notifications;
      const tasks = finished.filter((t) => !notices.handles(t.id) && shouldAnnounce(t, level));
      if (tasks.length > AT_ONCE) summarize(tasks);
      else for (const task of tasks) void showFinal(task, deps.host.engine, deps.settings.current);
    }),
    deps.live.onDidPause((pauses) => {
      const { notifications, 'usageLimit.autoResume': autoResume } = deps.settings.current;
      const engine = deps.host.engine;
      if (!engine || !shouldAnnouncePause(notifications, autoResume)) return;
      for (const pause of pauses) {
        if (pause.taskId && notices.handles(pause.taskId)) continue;
        void showAgentPaused(pause, engine);
      }
    }),
  );
  return notices;
}
