/**
 * Claiming the next task, as one step inside one write (architecture.md §6.1). Exactly-once across windows
 * rests on it: the global running count, the pick, the RUNNING mark and the worker row are all
 * decided under the same lock against the same freshly loaded database; so are per-agent caps,
 * which the pick itself honours (an agent at its cap is skipped, not waited on), agents paused
 * at their usage limit (agent_pauses), skipped the same way, and the daily budget (overBudget
 * below: reached, no task starts anywhere).
 */
import type { Task } from '../../core/task';
import type { DailyBudget } from '../../core/usage';
import type { TasksRepository } from './tasks';
import type { UsageRepository } from './usage';
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
  /** dispatch.budget.dailyUsd for today, if set: reached, nothing starts (see overBudget). */
  budget?: DailyBudget;
  /** Resource admission, given the global running count; false leaves the task queued. */
  admit?: (running: number) => boolean;
}

/** The claimed task (now RUNNING, owned by `ownerId`), or undefined when nothing may start. */
export function claimNext(
  repos: { tasks: TasksRepository; workers: WorkersRepository; usage: UsageRepository },
  options: ClaimOptions,
): Task | undefined {
  const running = repos.workers.countRunning();
  if (running >= options.maxWorkers) return undefined;
  if (overBudget(repos.usage, options.budget)) return undefined;
  const next = repos.tasks.nextRunnable(options.agentCaps, options.now);
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

/**
 * Today's reported cost when it has reached the daily budget, else undefined (or with no budget).
 * Read in the claiming write, from the shared database, so every window and worker holds alike;
 * it lifts by itself at local midnight (a new `dayStart`) or when the budget is raised.
 */
export function overBudget(
  usage: UsageRepository,
  budget: DailyBudget | undefined,
): { dailyUsd: number; spentUsd: number } | undefined {
  if (!budget) return undefined;
  const spentUsd = usage.costSince(budget.dayStart);
  return spentUsd >= budget.dailyUsd ? { dailyUsd: budget.dailyUsd, spentUsd } : undefined;
}
