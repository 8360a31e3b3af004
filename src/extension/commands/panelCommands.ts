import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { PanelCommands } from '../outputPanel/outputPanels';

/**
 * The output panel's Cancel and Retry buttons run the commands themselves, wrapper included. Retry
 * asks for the new task's panel: the user pressed it while watching, and goes on watching.
 */
export const panelCommands: PanelCommands = {
  async cancel(taskId) {
    await vscode.commands.executeCommand(CommandIds.cancelTask, taskId);
  },
  async retry(taskId) {
    await vscode.commands.executeCommand(CommandIds.retryTask, { taskId, showOutput: true });
  },
};
