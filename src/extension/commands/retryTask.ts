import type { Task } from '../../core/task';
import type { ReplyOptions } from '../../engine/submit/followUps';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { announceQueued } from './queueTask';
import { tasksFrom } from './taskArguments';

/**
 * Dispatch: Retry Task — a new task with the same prompt, agent, priority, folder and timeout,
 * linked to the old one (retryOf); the old one stays in the history as it ended. The engine
 * refuses a task that has not finished, with a message that says so. Retried from its output
 * panel (`{ taskId, showOutput: true }`), the new task's panel opens instead of the "Queued" toast:
 * the user is watching the output and wants to watch the new run.
 */
export function retryTask(deps: CommandDeps) {
  return (arg?: unknown, selected?: unknown): Promise<Task[]> =>
    retryEach(deps, { arg, selected }, {}, 'Retry which task?');
}

/** Retries of the tasks the arguments name (or the user picks), with `options` applied to each. */
export async function retryEach(
  deps: CommandDeps,
  from: { arg: unknown; selected?: unknown },
  options: ReplyOptions,
  placeHolder: string,
): Promise<Task[]> {
  if (!canStart()) return [];
  const engine = await deps.host.require();
  const ids = await tasksFrom(engine, from, {
    states: ['failed', 'cancelled', 'completed'],
    placeHolder,
    none: 'No task has finished yet.',
  });
  const showOutput = (from.arg as { showOutput?: unknown } | undefined)?.showOutput === true;
  const queued: Task[] = [];
  for (const id of ids) {
    const task = await engine.retry(id, options);
    if (showOutput) await deps.panels.show(task.id);
    else announceQueued(task);
    queued.push(task);
  }
  return queued;
}
