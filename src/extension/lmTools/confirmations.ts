/**
 * What the user confirms before an assistant delegates or cancels: the prompt, agent, folder and
 * autonomy that would run, or the task that would stop. Read-only (prepareInvocation must have no
 * side effects), and never failing: an id that resolves to nothing is shown as given, and the
 * invocation then reports the error.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import type { DelegateToolInput } from './lmTools';

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

export function delegateConfirmation(input: DelegateToolInput): vscode.PreparedToolInvocation {
  const settings = vscode.workspace.getConfiguration('dispatch');
  const agent = input.agent ?? settings.get<string>('defaultAgent', 'claude');
  const autonomy = input.autonomy ?? settings.get<string>('autonomy', 'edit');
  const facts = [
    `**Agent:** ${agent}`,
    `**Autonomy:** ${autonomy}`,
    input.model ? `**Model:** ${input.model}` : undefined,
    input.priority ? `**Priority:** ${input.priority}` : undefined,
    `**Folder:** ${vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '(no folder)'}`,
  ].filter(Boolean);
  const message = new vscode.MarkdownString(`${facts.join('  \n')}\n\n${fenced(input.prompt ?? '')}`);
  return {
    invocationMessage: `Delegating to ${agent}`,
    confirmationMessages: { title: `Delegate a task to ${agent}?`, message },
  };
}

export function cancelConfirmation(taskId: string, host: EngineHost): vscode.PreparedToolInvocation {
  let shown = `task ${taskId}`;
  try {
    const task = host.engine?.resolve(taskId);
    if (task) shown = `task ${task.id} (${task.agent}, ${task.state}): ${task.title}`;
  } catch {
    // an unknown or ambiguous id: invoke says which
  }
  return {
    invocationMessage: `Cancelling ${shown}`,
    confirmationMessages: {
      title: 'Cancel a Dispatch task?',
      message: new vscode.MarkdownString(`Stop ${shown}? What its agent already changed stays.`),
    },
  };
}
