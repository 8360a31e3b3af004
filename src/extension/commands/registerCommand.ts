/**
 * The one wrapper every command runs in: a failure is logged in full to the "Agent Dispatch" log
 * and shown as one short line with "Show Logs" — a DispatchError's message as it is (it says what
 * to do), anything else prefixed; never a stack trace. An agent that cannot run here is a warning
 * with its fixes instead (agentRefusal.ts).
 */
import * as vscode from 'vscode';
import { isDispatchError, messageOf } from '../../core/errors';
import { AgentUnavailableError } from '../../engine/submit/agentGate';
import type { CommandId } from '../commandIds';
import { showErrorWithLogs } from '../log';
import { showAgentRefusal } from './agentRefusal';

// biome-ignore lint/suspicious/noExplicitAny: command arguments come from menus, views and callers.
export type CommandHandler = (...args: any[]) => unknown;

export function reportError(log: vscode.LogOutputChannel, what: string, err: unknown): void {
  if (err instanceof AgentUnavailableError) {
    log.warn(`${what}: ${err.message}`);
    void showAgentRefusal(err);
    return;
  }
  log.error(`${what}: ${err instanceof Error && err.stack ? err.stack : messageOf(err)}`);
  const message = isDispatchError(err) ? err.message : `Agent Dispatch: ${messageOf(err)}`;
  void showErrorWithLogs(log, message);
}

export function registerCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  id: CommandId,
  handler: CommandHandler,
): void {
  const guarded = async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      reportError(log, id, err);
      return undefined;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand(id, guarded));
}
