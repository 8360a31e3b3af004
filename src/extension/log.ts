import * as vscode from 'vscode';

/** The extension's one log: View → Output → "Agent Dispatch", and the "Dispatch: Show Logs" command. */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Agent Dispatch', { log: true });
  context.subscriptions.push(log);
  return log;
}

/**
 * One short error line with a "Show Logs" button that opens the log, where the details were
 * written. Resolves when the message is dismissed; callers that must not wait use `void`.
 */
export async function showErrorWithLogs(log: vscode.LogOutputChannel, message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Show Logs');
  if (choice) log.show(true);
}
