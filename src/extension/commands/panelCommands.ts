import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { PanelCommands } from '../outputPanel/outputPanels';

/**
 * The output panel's buttons (Resume Now, Cancel, Retry, Run again with full autonomy, a worktree
 * task's Review, Apply and Discard) and its reply box run the commands themselves, wrapper
 * included. Retries and replies ask for the new task's panel: the user acted while watching, and
 * goes on watching. A resumed task keeps its id, so its panel goes on showing it.
 */
export const panelCommands: PanelCommands = {
  async resume(taskId) {
    await vscode.commands.executeCommand(CommandIds.resumePausedTask, taskId);
  },
  async cancel(taskId) {
    await vscode.commands.executeCommand(CommandIds.cancelTask, taskId);
  },
  async retry(taskId) {
    await vscode.commands.executeCommand(CommandIds.retryTask, { taskId, showOutput: true });
  },
  async retryFull(taskId) {
    await vscode.commands.executeCommand(CommandIds.retryFullAutonomy, { taskId, showOutput: true });
  },
  async reply(taskId, message) {
    await vscode.commands.executeCommand(CommandIds.replyTask, { taskId, message, showOutput: true });
  },
  async review(taskId) {
    await vscode.commands.executeCommand(CommandIds.reviewChanges, taskId);
  },
  async apply(taskId) {
    await vscode.commands.executeCommand(CommandIds.applyChanges, taskId);
  },
  async discard(taskId) {
    await vscode.commands.executeCommand(CommandIds.discardWorktree, taskId);
  },
};
