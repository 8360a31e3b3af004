import * as vscode from 'vscode';
import type { AgentUnavailableError } from '../../engine/submit/agentGate';
import { fixActions, runFix } from '../agentFixes';

/**
 * An agent this window cannot run was refused (see engine/submit/agentGate.ts): the one-line
 * reason, with what fixes it — Install… (the install command of a missing built-in, in a
 * terminal) and Configure… (the settings that choose and define agents). Not an error with
 * "Show Logs": nothing went wrong inside Dispatch.
 */
export async function showAgentRefusal(err: AgentUnavailableError): Promise<void> {
  const choice = await vscode.window.showWarningMessage(err.message, ...fixActions(err.install));
  await runFix(choice, err.agent, err.install);
}
