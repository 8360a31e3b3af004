import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { panelCommands } from './commands/panelCommands';
import { registerContextKeys } from './contextKeys';
import { createPromptEditors } from './delegate/promptEditors';
import { createEngineHost } from './engineHost';
import { registerLiveState } from './liveStateHost';
import { registerLanguageModelTools } from './lmTools/lmTools';
import { createLog } from './log';
import { registerNotifications } from './notifications';
import { OUTPUT_VIEW_TYPE, registerOutputPanels } from './outputPanel/outputPanels';
import { createRestoreGate, visiblePanelsToRestore } from './outputPanel/restoreGate';
import { registerBaseDocuments } from './review/baseDocuments';
import { registerWorktreeReviews } from './review/reviewsHost';
import { createSettings } from './settings';
import { registerStatusBar } from './statusBar';
import { registerTerminalCli } from './terminal/terminalCli';
import type { DispatchTestApi } from './testApi';
import { registerUsage } from './usage/registerUsage';
import { taskDetailsReader } from './views/relatedIds';
import { registerSchedulesView } from './views/schedulesView';
import { WorktreeChildren } from './views/tasks/worktreeChildren';
import { registerTasksView } from './views/tasksView';
import { registerWorkersView } from './views/workersView';

/**
 * Composes the extension; each register* makes one thing and owns its disposal. Nothing here
 * waits for the database: the engine opens in the background and the views fill in from its
 * change events.
 */
export function activate(context: vscode.ExtensionContext): DispatchTestApi | undefined {
  const started = performance.now();
  const log = createLog(context);
  const settings = createSettings(log);
  // Output panels on screen before a reload are restored before the engine opens (restoreGate.ts).
  const restoring = createRestoreGate(visiblePanelsToRestore(OUTPUT_VIEW_TYPE));
  const host = createEngineHost(settings, log, restoring.settled);
  const prompts = createPromptEditors();
  context.subscriptions.push(settings, host, prompts);
  const live = registerLiveState(context, { host, log, settings });
  registerContextKeys(context, host);
  const reviews = registerWorktreeReviews(context, host);
  registerBaseDocuments(context, host);
  const panels = registerOutputPanels(context, {
    host,
    log,
    commands: panelCommands,
    reviews,
    restoring,
  });
  const notices = registerNotifications(context, { live, settings, host });
  registerCommands(context, {
    host,
    log,
    settings,
    live,
    panels,
    prompts,
    notices,
    memory: context.globalState,
    workspaceMemory: context.workspaceState,
  });
  const views = {
    workers: registerWorkersView(context, live.workers, live.pauses),
    tasks: registerTasksView(
      context,
      live.tasks,
      taskDetailsReader(() => host.engine),
      new WorktreeChildren(reviews),
      live.loops,
      live.pauses,
    ),
    schedules: registerSchedulesView(context, live.schedules),
  };
  const usage = registerUsage(context, { host, settings, live, log });
  const statusBar = registerStatusBar(context, live.tasks, usage, live.pauses);
  registerTerminalCli(context, log);
  const lmTools = registerLanguageModelTools(context, { host, log });
  const activationMs = performance.now() - started;
  log.info(
    `Agent Dispatch ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms`,
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { host, settings, live, reviews, views, statusBar, lmTools, activationMs };
}

export function deactivate(): void {}
