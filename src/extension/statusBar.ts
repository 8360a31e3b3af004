import * as vscode from 'vscode';
import { ViewIds } from './commandIds';
import type { AgentPausesModel } from './model/agentPausesModel';
import type { TasksModel } from './model/tasksModel';
import type { TodayUsage } from './usage/todayUsage';
import { withUsage } from './usage/usageTooltip';
import { withPauses } from './views/pauseFormat';

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
  pauses?: AgentPausesModel,
): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('dispatch.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Agent Dispatch';
  item.command = `${ViewIds.workers}.focus`;
  const update = () => {
    const counts = { running: model.count('running'), queued: model.count('queued') };
    // Agents paused at their usage limit: "… · claude paused · resumes 15:00".
    const busy = counts.running + counts.queued > 0;
    const paused = {
      pauses: pauses?.pauses ?? [],
      autoResume: pauses?.autoResume ?? true,
      pausedTasks: model.count('paused'),
      pausedOf: pauses && ((agent: string) => pauses.pausedTasks(agent)),
    };
    const { text, tooltip } = withPauses(statusText(counts), busy, paused, Date.now());
    item.text = text;
    item.tooltip = withUsage(tooltip, usage.current);
  };
  update();
  item.show();
  context.subscriptions.push(item, model.onDidChange(update), usage.onDidChange(update));
  if (pauses) context.subscriptions.push(pauses.onDidChange(update));
  return item;
}
