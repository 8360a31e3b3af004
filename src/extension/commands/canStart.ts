import * as vscode from 'vscode';
import { startBlock } from './startBlock';

/** True if this window may start tasks; otherwise says why and offers the fix (see startBlock.ts). */
export function canStart(): boolean {
  const block = startBlock({
    folderScheme: vscode.workspace.workspaceFolders?.[0]?.uri.scheme,
    trusted: vscode.workspace.isTrusted,
  });
  if (!block) return true;
  void vscode.window.showWarningMessage(block.message, block.action.title).then((choice) => {
    if (choice) void vscode.commands.executeCommand(block.action.command);
  });
  return false;
}
