/**
 * What the panel's buttons do on the host side. Cancel and Retry go to the commands layer (which
 * owns their confirmations and messages); a failure here is logged and shown once with "Show Logs",
 * never dropped.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import type { WebviewToHost } from '../../protocol/outputPanel';
import type { EngineHost } from '../engineHost';
import { openAsText } from './openAsText';
import type { PanelCommands } from './outputPanels';

export type PanelAction = Extract<
  WebviewToHost,
  { type: 'webview/cancel' | 'webview/retry' | 'webview/copy' | 'webview/openAsText' }
>;

export interface PanelActionDeps {
  taskId: string;
  host: EngineHost;
  commands: PanelCommands;
  log: vscode.LogOutputChannel;
}

export async function runPanelAction(action: PanelAction, deps: PanelActionDeps): Promise<void> {
  const { taskId, host, commands, log } = deps;
  const [what, run] = ((): [string, () => Thenable<void>] => {
    switch (action.type) {
      case 'webview/cancel':
        return ['cancel the task', () => commands.cancel(taskId)];
      case 'webview/retry':
        return ['retry the task', () => commands.retry(taskId)];
      case 'webview/copy':
        return ['copy the output', () => vscode.env.clipboard.writeText(action.text)];
      case 'webview/openAsText':
        return ['open the output', async () => openAsText(await host.require(), taskId)];
    }
  })();
  try {
    await run();
  } catch (err) {
    const message = `Could not ${what}: ${messageOf(err)}`;
    log.error(`output panel ${taskId}: ${message}`);
    const choice = await vscode.window.showErrorMessage(message, 'Show Logs');
    if (choice) log.show(true);
  }
}
