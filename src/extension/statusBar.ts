import * as vscode from 'vscode';
import { ViewIds } from './commandIds';

export interface Counts {
  running: number;
  queued: number;
}

/** "$(sync~spin) 2 running · 3 queued", or an idle form; a click focuses the Workers view. */
export function registerStatusBar(context: vscode.ExtensionContext): { update(counts: Counts): void } {
  const item = vscode.window.createStatusBarItem('dispatch.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Agent Dispatch';
  item.command = `${ViewIds.workers}.focus`;
  context.subscriptions.push(item);

  const update = ({ running, queued }: Counts) => {
    const busy = running > 0 || queued > 0;
    item.text = busy ? `$(sync~spin) ${running} running · ${queued} queued` : '$(rocket) Dispatch: idle';
    item.tooltip = busy
      ? `Agent Dispatch: ${running} running, ${queued} queued across all windows of this workspace`
      : 'Agent Dispatch: no task is running or queued';
  };
  update({ running: 0, queued: 0 });
  item.show();
  return { update };
}
