import type { Task } from '../../core/task';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { announceQueued } from './queueTask';
import { tasksFrom } from './taskArguments';

/**
 * Run Again with Full Autonomy — offered where a task's refused actions are shown (the
 * notification, the hover, the output panel, the Tasks menu): a retry of the task, linked by
 * retryOf, that runs at autonomy `full` so the agent may do what it was refused.
 */
export function retryFullAutonomy(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const [id] = await tasksFrom(
      engine,
      { arg },
      {
        states: ['failed', 'cancelled', 'completed'],
        placeHolder: 'Run which task again with full autonomy?',
        none: 'No task has finished yet.',
      },
    );
    if (!id) return undefined;
    const task = await engine.retry(id, { autonomy: 'full' });
    if ((arg as { showOutput?: unknown } | undefined)?.showOutput === true) await deps.panels.show(task.id);
    else announceQueued(task);
    return task;
  };
}
