import type * as vscode from 'vscode';
import { registerShowLogs } from './commands/showLogs';
import { createEngineHost } from './engineHost';
import { createLog } from './log';
import { registerOutputPanels } from './outputPanel/outputPanels';
import { createSettings } from './settings';
import { registerStatusBar } from './statusBar';
import { registerTasksView } from './views/tasksView';
import { registerWorkersView } from './views/workersView';

/** Composes the extension; each register* makes one thing and owns its disposal. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  const settings = createSettings(log);
  const host = createEngineHost(settings, log);
  context.subscriptions.push(settings, host);
  registerShowLogs(context, log);
  // Until the commands layer passes its own PanelCommands (cancel, retry with a new task).
  registerOutputPanels(context, {
    host,
    log,
    commands: {
      cancel: async (id) => void (await host.require()).cancel(id),
      retry: async () => void log.warn('retry from the output panel is not wired yet'),
    },
  });
  registerWorkersView(context);
  registerTasksView(context);
  registerStatusBar(context);
  log.info(`Agent Dispatch ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {}
