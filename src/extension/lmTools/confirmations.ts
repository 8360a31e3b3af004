/**
 * What the user confirms before an assistant starts or stops work: the prompt, agent, folder,
 * autonomy and worktree of a task or loop that would run, or the task or loop that would stop.
 * Read-only (prepareInvocation must have no side effects), and never failing: an id that resolves
 * to nothing is shown as given, and the invocation then reports the error.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_MAX_ITERATIONS, type LoopEntry } from '../../core/loop';
import type { Task } from '../../core/task';
import type { EngineHost } from '../engineHost';
import type { DelegateToolInput, LoopStartToolInput } from './toolInputs';

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/** `code` that stays code whatever backticks the text holds. */
function code(text: string): string {
  const runs = text.match(/`+/g);
  if (!runs) return `\`${text}\``;
  const ticks = '`'.repeat(Math.max(...runs.map((run) => run.length)) + 1);
  return `${ticks} ${text} ${ticks}`;
}

/**
 * Text from a task or a model (a title, a file name) shown as itself in markdown: its punctuation
 * escaped, so it cannot turn into a link or a heading.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Where it would run and how, as the engine will decide it from the same input and settings. */
function runFacts(input: DelegateToolInput): { agent: string; facts: string[] } {
  const settings = vscode.workspace.getConfiguration('dispatch');
  const agent = input.agent ?? settings.get<string>('defaultAgent', 'claude');
  const autonomy = input.autonomy ?? settings.get<string>('autonomy', 'edit');
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const folder = workspace ? path.resolve(workspace, input.cwd ?? '.') : '(no folder)';
  const byMode = input.worktree === undefined && settings.get<string>('worktree.mode', 'off') === 'on';
  const worktree = input.worktree === true || byMode;
  const facts = [
    `**Agent:** ${markdownText(agent)}`,
    `**Autonomy:** ${markdownText(autonomy)}`,
    input.model ? `**Model:** ${markdownText(input.model)}` : undefined,
    input.priority ? `**Priority:** ${markdownText(input.priority)}` : undefined,
    `**Folder:** ${markdownText(folder)}`,
    worktree
      ? `**Worktree:** yes${byMode ? ' (dispatch.worktree.mode), if the folder is in a git repository' : ''}: the workspace is untouched until its changes are applied`
      : '**Worktree:** no, it works in the folder itself',
  ].filter((fact): fact is string => fact !== undefined);
  return { agent, facts };
}

export function delegateConfirmation(input: DelegateToolInput): vscode.PreparedToolInvocation {
  const { agent, facts } = runFacts(input);
  const message = new vscode.MarkdownString(`${facts.join('  \n')}\n\n${fenced(input.prompt ?? '')}`);
  return {
    invocationMessage: `Delegating to ${agent}`,
    confirmationMessages: { title: `Delegate a task to ${agent}?`, message },
  };
}

export function loopStartConfirmation(input: LoopStartToolInput): vscode.PreparedToolInvocation {
  const { agent, facts } = runFacts(input);
  const target = input.target === undefined ? '' : `, target ${markdownText(String(input.target))}`;
  const check =
    input.until !== undefined
      ? `until ${code(input.until)} exits 0`
      : input.eval !== undefined
        ? `${markdownText(input.direction ?? '(no direction)')} the last number ${code(input.eval)} prints${target}`
        : 'none given (until or eval is needed)';
  const limit = input.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const message = new vscode.MarkdownString(
    [`**Check:** ${check}`, `**Iterations:** at most ${markdownText(String(limit))}`, ...facts].join('  \n') +
      `\n\n${fenced(input.prompt ?? '')}`,
  );
  return {
    invocationMessage: `Starting a loop of ${agent}`,
    confirmationMessages: { title: `Start a loop of ${agent}?`, message },
  };
}

/** A reply starts the agent again, continuing the task's session: what would be continued, and the message. */
export function replyConfirmation(
  taskId: string,
  message: string,
  host: EngineHost,
): vscode.PreparedToolInvocation {
  let task: Task | undefined;
  try {
    task = host.engine?.resolve(taskId);
  } catch {
    // an unknown or ambiguous id: invoke says which
  }
  const about = task
    ? `**Continues:** task ${task.id} (${markdownText(task.agent)}, ${task.state}): ${markdownText(task.title)}`
    : `**Continues:** task ${markdownText(taskId)}`;
  return {
    invocationMessage: `Replying to ${task ? `task ${task.id}` : taskId}`,
    confirmationMessages: {
      title: `Reply to ${task ? `${task.agent}'s task` : 'a Dispatch task'}?`,
      message: new vscode.MarkdownString(`${about}\n\n${fenced(message)}`),
    },
  };
}

/** A confirmation naming what would stop: plain in the progress line, escaped in the question. */
function stopping(
  shown: (words: (text: string) => string) => string,
  title: string,
  consequence: string,
): vscode.PreparedToolInvocation {
  return {
    invocationMessage: `Cancelling ${shown((t) => t)}`,
    confirmationMessages: {
      title,
      message: new vscode.MarkdownString(`Stop ${shown(markdownText)}? ${consequence}`),
    },
  };
}

export function cancelConfirmation(taskId: string, host: EngineHost): vscode.PreparedToolInvocation {
  let task: Task | undefined;
  try {
    task = host.engine?.resolve(taskId);
  } catch {
    // an unknown or ambiguous id: invoke says which
  }
  return stopping(
    (words) =>
      task ? `task ${task.id} (${task.agent}, ${task.state}): ${words(task.title)}` : `task ${words(taskId)}`,
    'Cancel a Dispatch task?',
    'What its agent already changed stays.',
  );
}

export function loopCancelConfirmation(loopId: string, host: EngineHost): vscode.PreparedToolInvocation {
  let entry: LoopEntry | undefined;
  try {
    entry = host.engine?.loops.get(loopId);
  } catch {
    // an unknown or ambiguous id: invoke says which
  }
  return stopping(
    (words) => {
      if (!entry) return `loop ${words(loopId)}`;
      const { loop, iterations } = entry;
      return `loop ${loop.id} (${loop.agent}, ${loop.state}, iteration ${iterations.length} of ${loop.maxIterations}): ${words(loop.title)}`;
    },
    'Cancel a Dispatch loop?',
    'Its running iteration is stopped (what it already changed stays) and no further iteration runs.',
  );
}
