/**
 * What the user confirms before an assistant lands or drops a worktree task's changes: apply
 * always asks (it writes to the workspace), naming the files; discard asks when the changes were
 * never applied — they exist nowhere else — as the Discard Worktree command does. Read-only (git
 * is only read, and not at all in Restricted Mode, where the invocation refuses anyway) and never
 * failing: an id that resolves to nothing is shown as given, and the invocation then reports the
 * error.
 */
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { changeSummaryText } from '../../core/worktree';
import type { Engine } from '../../engine/engine';
import { namesText } from '../commands/worktreeTasks';
import type { EngineHost } from '../engineHost';
import { markdownText } from './confirmations';

/** "1 file changed, +1 -0 (a.txt)"; undefined when git cannot tell. */
async function changesText(engine: Engine, task: Task): Promise<string | undefined> {
  try {
    const { files, summary } = await engine.worktrees.changes(task.id);
    return `${changeSummaryText(summary)} (${namesText(files.map((f) => f.path))})`;
  } catch {
    return undefined;
  }
}

function taskOf(host: EngineHost, taskId: string): Task | undefined {
  try {
    return host.engine?.resolve(taskId);
  } catch {
    return undefined; // an unknown or ambiguous id: invoke says which
  }
}

/** "task abc (claude): Fix the parser", through `words` for the title (escaped or not). */
const shown = (task: Task | undefined, taskId: string, words: (text: string) => string = (t) => t) =>
  task ? `task ${task.id} (${task.agent}): ${words(task.title)}` : `task ${words(taskId)}`;

export async function applyConfirmation(
  taskId: string,
  host: EngineHost,
  trusted: boolean,
): Promise<vscode.PreparedToolInvocation> {
  const task = taskOf(host, taskId);
  const changes = task && trusted && host.engine ? await changesText(host.engine, task) : undefined;
  const message = new vscode.MarkdownString(
    `Bring the changes of ${shown(task, taskId, markdownText)} into the workspace${changes ? `: ${markdownText(changes)}` : ''}. ` +
      'They are merged with your own edits and left uncommitted (nothing is staged or committed); ' +
      'on a conflict nothing changes.',
  );
  return {
    invocationMessage: `Applying the changes of ${shown(task, taskId)}`,
    confirmationMessages: { title: "Apply a Dispatch task's changes to the workspace?", message },
  };
}

/**
 * Whether discarding could delete changes that exist nowhere else. Without trust git is not run,
 * so a worktree that is there and was never applied counts as holding some: when in doubt, ask.
 */
async function mayLoseChanges(engine: Engine, task: Task, trusted: boolean): Promise<boolean> {
  if (trusted) return engine.worktrees.hasUnappliedChanges(task);
  return task.worktreePath !== null && task.worktreeRemovedAt === null && task.worktreeAppliedAt === null;
}

export async function discardConfirmation(
  taskId: string,
  host: EngineHost,
  trusted: boolean,
): Promise<vscode.PreparedToolInvocation> {
  const task = taskOf(host, taskId);
  const invocationMessage = `Discarding the worktree of ${shown(task, taskId)}`;
  const engine = host.engine;
  if (!task || !engine || !(await mayLoseChanges(engine, task, trusted))) return { invocationMessage };
  const changes = trusted ? await changesText(engine, task) : undefined;
  const what = changes
    ? `has changes that were never applied: ${markdownText(changes)}`
    : 'may hold changes that were never applied';
  const message = new vscode.MarkdownString(
    `The worktree of ${shown(task, taskId, markdownText)} ${what}. ` +
      `Discarding deletes them with the worktree and its branch ${markdownText(task.worktreeBranch ?? '')}; this cannot be undone.`,
  );
  return {
    invocationMessage,
    confirmationMessages: { title: 'Discard changes that were never applied?', message },
  };
}
