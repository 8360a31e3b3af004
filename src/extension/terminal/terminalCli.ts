/**
 * Puts `dispatch` on the PATH of this window's integrated terminals, so a person can list or
 * delegate tasks from a terminal right after install. In a terminal opened at the workspace
 * folder the CLI finds the same state as the window (it resolves the workspace from its cwd).
 *
 * Only in a trusted workspace: the CLI can start agents configured by the workspace's own
 * settings, and an untrusted workspace must not be able to start tasks through the extension.
 * The collection persists across reloads; it is recomputed at each activation, since an update
 * of the extension or of VS Code moves both paths.
 */
import * as vscode from 'vscode';
import { ensureExecutable, terminalVariables } from './terminalVariables';

export function registerTerminalCli(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const collection = context.environmentVariableCollection;
  collection.description = new vscode.MarkdownString(
    'Puts the `dispatch` command on `PATH` (and names the VS Code runtime it runs with in `DISPATCH_NODE`); run it in the workspace folder to share its task queue.',
  );
  const update = () => {
    if (!vscode.workspace.isTrusted) {
      collection.clear();
      return;
    }
    const vars = terminalVariables({ extensionPath: context.extensionPath, execPath: process.execPath });
    const problem = ensureExecutable(vars.launcher);
    if (problem) log.warn(problem);
    collection.replace('DISPATCH_NODE', vars.node);
    collection.prepend('PATH', vars.pathPrefix);
  };
  update();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(update));
}
