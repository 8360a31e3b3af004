import type { Task } from '../../core/task';
import type { CommandDeps } from './deps';
import { retryEach } from './retryTask';

/**
 * Run Again with Full Autonomy — offered where a task's refused actions are shown (the
 * notification, the hover, the output panel, the Tasks menu): a retry of the task, linked by
 * retryOf, that runs at autonomy `full` so the agent may do what it was refused.
 */
export function retryFullAutonomy(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> =>
    (await retryEach(deps, { arg }, { autonomy: 'full' }, 'Run which task again with full autonomy?'))[0];
}
