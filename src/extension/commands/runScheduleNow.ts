import type { Task } from '../../core/task';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { scheduleFrom } from './scheduleArguments';

/**
 * Dispatch: Run Schedule Now — queues the schedule's task once, at once, outside its timetable:
 * the schedule's next run, run count and history are left as they are.
 */
export function runScheduleNow(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const schedule = await scheduleFrom(engine, arg, {
      statuses: ['active', 'paused', 'finished', 'cancelled'],
      placeHolder: 'Run which schedule’s task now?',
      none: 'There is no schedule yet.',
    });
    if (!schedule) return undefined;
    const task = await engine.delegate({
      prompt: schedule.prompt,
      title: schedule.title,
      agent: schedule.agent,
      priority: schedule.priority,
      cwd: schedule.cwd,
      ...(schedule.timeoutMs ? { timeoutSeconds: schedule.timeoutMs / 1000 } : {}),
    });
    deps.notices.follow(task, 'delegated');
    return task;
  };
}
