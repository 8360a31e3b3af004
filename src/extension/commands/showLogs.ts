import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

export function registerShowLogs(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(CommandIds.showLogs, () => log.show(true)));
}
