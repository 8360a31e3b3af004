/**
 * What the panel's buttons do on the host side. Resume Now, Cancel and Retry go to the commands
 * layer (which owns their confirmations and messages); a failure here is logged and shown once
 * with "Show Logs", never dropped.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import type { WebviewToHost } from '../../protocol/outputPanel';
import { showErrorWithLogs } from '../log';
import type { OutputDocuments } from './outputDocuments';
import type { PanelCommands } from './outputPanels';

export type PanelAction = Extract<
  WebviewToHost,
  {
    type:
      | 'webview/resume'
      | 'webview/cancel'
      | 'webview/retry'
      | 'webview/retryFull'
      | 'webview/reply'
      | 'webview/copy'
      | 'webview/openAsText'
      | 'webview/review'
      | 'webview/apply'
      | 'webview/discard';
  }
>;

export interface PanelActionDeps {
  taskId: string;
  commands: PanelCommands;
  documents: OutputDocuments;
  log: vscode.LogOutputChannel;
}

export async function runPanelAction(action: PanelAction, deps: PanelActionDeps): Promise<void> {
  const { taskId, commands, documents, log } = deps;
  const [what, run] = ((): [string, () => Thenable<void>] => {
    switch (action.type) {
      case 'webview/resume':
        return ['resume the task', () => commands.resume(taskId)];
      case 'webview/cancel':
        return ['cancel the task', () => commands.cancel(taskId)];
      case 'webview/retry':
        return ['retry the task', () => commands.retry(taskId)];
      case 'webview/retryFull':
        return ['run the task again', () => commands.retryFull(taskId)];
      case 'webview/reply':
        return ['reply', () => commands.reply(taskId, action.message)];
      case 'webview/copy':
        return ['copy the output', () => vscode.env.clipboard.writeText(action.text)];
      case 'webview/openAsText':
        return ['open the output', () => documents.open(taskId)];
      case 'webview/review':
        return ['open the changes', () => commands.review(taskId)];
      case 'webview/apply':
        return ['apply the changes', () => commands.apply(taskId)];
      case 'webview/discard':
        return ['discard the worktree', () => commands.discard(taskId)];
    }
  })();
  try {
    await run();
  } catch (err) {
    const message = `Could not ${what}: ${messageOf(err)}`;
    log.error(`output panel ${taskId}: ${message}`);
    await showErrorWithLogs(log, message);
  }
}
