/**
 * The ways out when an agent cannot run here, offered wherever that is said (the Delegate Task
 * box, a refusal, a failed task's notification): Install… runs the agent's install command in a
 * terminal the user watches (and can stop), Configure… opens the settings that name the agents.
 */
import * as vscode from 'vscode';
import { ACTIONS } from './notices/noticeText';

const INSTALL = ACTIONS.install;
const CONFIGURE = ACTIONS.configure;

/** `preserveFocus`: the terminal shows without taking the focus (the Delegate Task box stays in use). */
export function runInstall(agent: string, command: string, preserveFocus = false): void {
  const terminal = vscode.window.createTerminal({ name: `Install ${agent}` });
  terminal.show(preserveFocus);
  terminal.sendText(command);
}

/** dispatch.defaultAgent and dispatch.agents (where a command's full path is set). */
export function openAgentSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'dispatch agent');
}

/** The actions for an agent that cannot run: Install… when it has an install command. */
export function fixActions(install: string | undefined): string[] {
  return install ? [INSTALL, CONFIGURE] : [CONFIGURE];
}

/** Runs the fix `choice` names, if it names one; true when it did. */
export async function runFix(
  choice: string | undefined,
  agent: string,
  install: string | undefined,
): Promise<boolean> {
  if (choice === INSTALL && install) runInstall(agent, install);
  else if (choice === CONFIGURE) await openAgentSettings();
  else return false;
  return true;
}
