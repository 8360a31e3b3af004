import * as vscode from 'vscode';
import type { AgentUnavailableError } from '../../engine/submit/agentGate';

const COPY = 'Copy Install Command';
const SETTINGS = 'Agent Settings';

/**
 * An agent this window cannot run was refused (see engine/submit/agentGate.ts): the one-line
 * reason, with what fixes it — the install command of a missing built-in, or the settings that
 * choose and define agents. Not an error with "Show Logs": nothing went wrong inside Dispatch.
 */
export async function showAgentRefusal(err: AgentUnavailableError): Promise<void> {
  const actions = err.install ? [COPY, SETTINGS] : [SETTINGS];
  const choice = await vscode.window.showWarningMessage(err.message, ...actions);
  if (choice === COPY && err.install) await vscode.env.clipboard.writeText(err.install);
  if (choice === SETTINGS)
    await vscode.commands.executeCommand('workbench.action.openSettings', 'dispatch agent');
}
