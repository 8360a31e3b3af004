/**
 * Context keys for the views' welcome content and menus (see ContextKeys): whether a folder is
 * open, trusted, and whether the engine is open or failed. Set only when a value changes, since
 * the host's change event fires on every store commit.
 */
import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';
import type { EngineHost } from './engineHost';

export function registerContextKeys(context: vscode.ExtensionContext, host: EngineHost): void {
  const set = new Map<string, boolean>();
  const put = (key: string, value: boolean) => {
    if (set.get(key) === value) return;
    set.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const update = () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const onDisk = folder?.scheme === 'file';
    put(ContextKeys.noFolder, !onDisk);
    put(ContextKeys.untrusted, !vscode.workspace.isTrusted);
    put(ContextKeys.ready, host.engine !== undefined);
    put(ContextKeys.failed, onDisk && !host.engine && host.problem !== undefined);
  };
  update();
  context.subscriptions.push(
    host.onDidChange(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
    vscode.workspace.onDidChangeWorkspaceFolders(update),
  );
}
