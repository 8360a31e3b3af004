import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { DelegateInput } from '../../engine/submit/taskInput';
import { CommandIds } from '../commandIds';
import type { CommandDeps } from './deps';

/** "Queued: <title>", offering its output; not awaited, so the command returns at once. */
export function announceQueued(task: Task): void {
  const why = task.state === 'queued' ? '' : ` (${task.state}${task.reason ? `: ${task.reason}` : ''})`;
  void vscode.window.showInformationMessage(`Queued: ${task.title}${why}`, 'Show Output').then((choice) => {
    if (choice) void vscode.commands.executeCommand(CommandIds.showOutput, task.id);
  });
}

/** Queues a task and returns at once. Callers check canStart() first. */
export async function queueTask(deps: CommandDeps, input: DelegateInput): Promise<Task> {
  const task = await (await deps.host.require()).delegate(input);
  announceQueued(task);
  return task;
}
