/**
 * The output panels: one webview panel per task (DESIGN §1, §6). This is the contract the
 * commands, views and notifications use; the panel host itself is being built (issue #5).
 */
import type * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';

export interface OutputPanels {
  /** Opens the task's output panel, or reveals it if it is already open. */
  show(taskId: string): Promise<void>;
}

/** The task actions a panel offers; the commands layer implements them. */
export interface PanelCommands {
  cancel(taskId: string): Promise<void>;
  retry(taskId: string): Promise<void>;
}

export function registerOutputPanels(
  _context: vscode.ExtensionContext,
  deps: { host: EngineHost; log: vscode.LogOutputChannel; commands: PanelCommands },
): OutputPanels {
  return {
    async show(taskId) {
      deps.log.info(`output panel for ${taskId}: not implemented yet`);
    },
  };
}
