import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/**
 * Dispatch: Open State Folder — reveals the shared state folder: in the Explorer when it is in
 * the workspace (the default, .vscode/dispatch), else in the OS file manager on a local desktop;
 * elsewhere (a remote or the browser) there is nothing to reveal it in, so its path is offered.
 */
export function openStateFolder(deps: CommandDeps) {
  return async () => {
    const dir = vscode.Uri.file((await deps.host.require()).state.dir);
    if (vscode.workspace.getWorkspaceFolder(dir)) {
      await vscode.commands.executeCommand('revealInExplorer', dir);
      return dir;
    }
    if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
      await vscode.commands.executeCommand('revealFileInOS', dir);
      return dir;
    }
    const choice = await vscode.window.showInformationMessage(
      `The state folder is ${dir.fsPath}`,
      'Copy Path',
    );
    if (choice) await vscode.env.clipboard.writeText(dir.fsPath);
    return dir;
  };
}
