import * as vscode from 'vscode';

/** The extension's one log: View → Output → "Agent Dispatch", and the "Dispatch: Show Logs" command. */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Agent Dispatch', { log: true });
  context.subscriptions.push(log);
  return log;
}
