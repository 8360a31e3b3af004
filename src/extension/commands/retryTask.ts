import type { Task } from '../../core/task';
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
  return async (arg?: unknown, selected?: unknown): Promise<Task[]> => {
    if (!canStart()) return [];
    const engine = await deps.host.require();
    const ids = await tasksFrom(
      engine,
      { arg, selected },
      {
        states: ['failed', 'cancelled', 'completed'],
        placeHolder: 'Retry which task?',
        none: 'No task has finished yet.',
      },
    );
    const showOutput = (arg as { showOutput?: unknown } | undefined)?.showOutput === true;
    const queued: Task[] = [];
    for (const id of ids) {
      const task = await engine.retry(id);
      if (showOutput) await deps.panels.show(task.id);
      else announceQueued(task);
      queued.push(task);
    }
    return queued;
  };
}
