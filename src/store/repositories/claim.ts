/**
 * Claiming the next task, as one step inside one write (architecture.md §6.1). Exactly-once across windows
 * rests on it: the global running count, the pick, the RUNNING mark and the worker row are all
 * decided under the same lock against the same freshly loaded database; so are per-agent caps,
 * which the pick itself honours (an agent at its cap is skipped, not waited on).
 */
import type { Task } from '../../core/task';
import type { TasksRepository } from './tasks';
import type { WorkersRepository } from './workers';

export interface ClaimOptions {
  /** The claiming engine's id. */
  ownerId: string;
  host: string;
  /** The global cap (dispatch.maxWorkers), counted over every window's workers. */
  maxWorkers: number;
  /** Per-agent caps (dispatch.agents.<name>.maxWorkers), counted the same way. */
  agentCaps?: Readonly<Record<string, number>>;
  now: number;
  /** Resource admission, given the global running count; false leaves the task queued. */
  admit?: (running: number) => boolean;
}

/** The claimed task (now RUNNING, owned by `ownerId`), or undefined when nothing may start. */
export function claimNext(
  repos: { tasks: TasksRepository; workers: WorkersRepository },
  options: ClaimOptions,
): Task | undefined {
  const running = repos.workers.countRunning();
  if (running >= options.maxWorkers) return undefined;
  const next = repos.tasks.nextRunnable(options.agentCaps);
  if (!next) return undefined;
  if (options.admit && !options.admit(running)) return undefined;
  const task = repos.tasks.markRunning(next.id, options.now);
  repos.workers.claim({
    taskId: task.id,
    ownerId: options.ownerId,
    host: options.host,
    claimedAt: options.now,
    startedAt: null,
    supervisorPid: null,
    supervisorStart: null,
    agentPid: null,
    agentStart: null,
  });
  return task;
}
