import * as vscode from 'vscode';

/** "Loops 2" at the top of the Tasks view: its children are the loops (loopsSection.ts). */
export class LoopsGroupNode {
  readonly kind = 'loops';

  toTreeItem(count: number, running: number): vscode.TreeItem {
    const item = new vscode.TreeItem('Loops', vscode.TreeItemCollapsibleState.Expanded);
    item.id = 'group:loops';
    item.description = running ? `${running} running` : count.toLocaleString('en');
    item.iconPath = new vscode.ThemeIcon('sync');
    item.contextValue = 'group.loops';
    item.tooltip = `${count} loop${count === 1 ? '' : 's'} of the last 7 days (\`dispatch loop list\` has them all)`;
    return item;
  }
}
