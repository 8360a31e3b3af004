/**
 * Dispatch: Show Usage as a quick pick: one section per period (usageByPeriod.ts), an agent a row,
 * and the daily budget last. It only reads; accepting the budget row opens its setting, any other
 * row closes the pick.
 */
import * as vscode from 'vscode';
import type { UsageRow } from './usageByPeriod';

const BUDGET_SETTING = 'dispatch.budget.dailyUsd';

type Item = vscode.QuickPickItem & { row?: UsageRow };

const ICONS: Record<Exclude<UsageRow['kind'], 'heading'>, string> = {
  agent: 'hubot',
  total: 'symbol-operator',
  none: 'circle-slash',
  budget: 'credit-card',
};

function itemOf(row: UsageRow): Item {
  if (row.kind === 'heading') return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
  const icon = row.kind === 'budget' && row.warning ? 'warning' : ICONS[row.kind];
  return {
    label: row.label,
    description: 'description' in row ? row.description : undefined,
    iconPath: new vscode.ThemeIcon(icon),
    row,
  };
}

export function showUsagePick(rows: readonly UsageRow[]): Promise<void> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Usage by agent';
  pick.placeholder = 'Tasks, tokens and cost each agent reported, counted when its run ended';
  pick.matchOnDescription = true;
  pick.items = rows.map(itemOf);
  // The first row, not the budget: opening the pick and pressing Enter only closes it.
  pick.activeItems = pick.items.filter((item) => item.row).slice(0, 1);
  return new Promise((resolve) => {
    const subscriptions = [
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0]?.row;
        pick.hide();
        if (chosen?.kind === 'budget')
          void vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTING);
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        pick.dispose();
        resolve();
      }),
    ];
    pick.show();
  });
}
