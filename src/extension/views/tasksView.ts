import * as vscode from 'vscode';
import { ViewIds } from '../commandIds';

/** The Tasks view: every task grouped by state. Empty until the engine is connected. */
class TasksProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerTasksView(context: vscode.ExtensionContext): void {
  const view = vscode.window.createTreeView(ViewIds.tasks, { treeDataProvider: new TasksProvider() });
  context.subscriptions.push(view);
}
