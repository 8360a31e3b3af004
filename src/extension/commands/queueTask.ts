import type { Task } from '../../core/task';
import type { DelegateInput } from '../../engine/submit/taskInput';
import type { CommandDeps } from './deps';

/** Queues a task and returns at once; its notification follows it in place. Callers check canStart() first. */
export async function queueTask(deps: CommandDeps, input: DelegateInput): Promise<Task> {
  const task = await (await deps.host.require()).delegate(input);
  deps.notices.follow(task, 'delegated');
  return task;
}
