import * as vscode from 'vscode';
import { ViewIds } from '../commandIds';

/**
 * The Workers view: what runs right now in any window of this workspace. Until the engine is
 * connected it has no items, so VS Code shows the view's welcome content.
 */
class WorkersProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerWorkersView(context: vscode.ExtensionContext): void {
  const view = vscode.window.createTreeView(ViewIds.workers, { treeDataProvider: new WorkersProvider() });
  context.subscriptions.push(view);
}
