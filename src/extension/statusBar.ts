import * as vscode from 'vscode';
import { ViewIds } from './commandIds';
import type { TasksModel } from './model/tasksModel';
import type { TodayUsage } from './usage/todayUsage';
import { withUsage } from './usage/usageTooltip';

export interface Counts {
  running: number;
  queued: number;
}

/** The status bar text for the counts across all windows of the workspace. */
export function statusText({ running, queued }: Counts): { text: string; tooltip: string } {
  if (running === 0 && queued === 0) {
    return { text: '$(rocket) Dispatch: idle', tooltip: 'Agent Dispatch: no task is running or queued' };
  }
  return {
    text: `$(sync~spin) ${running} running · ${queued} queued`,
    tooltip: `Agent Dispatch: ${running} running, ${queued} queued across all windows of this workspace`,
  };
}

/**
 * "$(sync~spin) 2 running · 3 queued", or an idle form; a click focuses the Workers view. The
 * tooltip ends with today's usage (usage/usageTooltip.ts).
 */
export function registerStatusBar(
  context: vscode.ExtensionContext,
  model: TasksModel,
  usage: TodayUsage,
): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('dispatch.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Agent Dispatch';
  item.command = `${ViewIds.workers}.focus`;
  const update = () => {
    const { text, tooltip } = statusText({ running: model.count('running'), queued: model.count('queued') });
    item.text = text;
    item.tooltip = withUsage(tooltip, usage.current);
  };
  update();
  item.show();
  context.subscriptions.push(item, model.onDidChange(update), usage.onDidChange(update));
  return item;
}
