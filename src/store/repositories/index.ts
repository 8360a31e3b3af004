/** The repositories one transaction works with, all over the same in-memory database. */
import type { NewTask, Task } from '../../core/task';
import { AgentPausesRepository } from './agentPauses';
import { type ClaimOptions, claimNext } from './claim';
import { DependenciesRepository } from './dependencies';
import { EnginesRepository } from './engines';
import { HistoryRepository } from './history';
import { advanceLoop, settleStalledLoop } from './loopAdvance';
import { LoopsRepository } from './loops';
import { PausedTasksRepository } from './pausedTasks';
import { SchedulesRepository } from './schedules';
import type { Session } from './session';
import { type Settled, settleAll, settleDependents } from './settle';
import { addDependencies, submitTask } from './submit';
import { TasksRepository } from './tasks';
import { UsageRepository } from './usage';
import { WorkersRepository } from './workers';

export interface Repositories {
  readonly tasks: TasksRepository;
  readonly workers: WorkersRepository;
  readonly engines: EnginesRepository;
  /** Edges "task waits for task" (migration 4). */
  readonly dependencies: DependenciesRepository;
  /** Finished tasks, for retention. */
  readonly history: HistoryRepository;
  readonly schedules: SchedulesRepository;
  /** Agents paused at their usage limit (migration 11). */
  readonly agentPauses: AgentPausesRepository;
  /** Tasks paused at their agent's usage limit: pause, resume once, what is due. */
  readonly paused: PausedTasksRepository;
  /** Tokens and cost per agent over a window, and today's cost for the budget. */
  readonly usage: UsageRepository;
  /** Loops and their iterations (migration 10); they move on in loopAdvance.ts. */
  readonly loops: LoopsRepository;
  /** See claim.ts: the exactly-once claim of the next runnable task. */
  claimNext(options: ClaimOptions): Task | undefined;
  /** See submit.ts: creates a task with its dependencies checked, stored and applied. */
  submit(input: NewTask, now: number): Task;
  /** See submit.ts: makes a queued or blocked task also wait for `after` (cycles refused). */
  addDependencies(taskId: string, after: readonly string[], now: number): Task;
  /** See settle.ts: puts every task whose dependencies disagree with its state back in line. */
  settleAll(now: number): Map<string, Settled>;
  /** See loopAdvance.ts: decides a running loop whose latest iteration ended without moving it on. */
  settleStalledLoop(loopId: string, now: number): void;
}

export function createRepositories(session: Session): Repositories {
  const dependencies = new DependenciesRepository(session);
  const loops = new LoopsRepository(session);
  // The hook runs in the same write that ended the task: releases, cascades and the next loop
  // iteration commit with it.
  const tasks: TasksRepository = new TasksRepository(session, {
    ended: (task) => {
      settleDependents({ tasks, dependencies }, task);
      advanceLoop({ tasks, loops }, task);
    },
  });
  const workers = new WorkersRepository(session);
  const engines = new EnginesRepository(session);
  const usage = new UsageRepository(session);
  return {
    tasks,
    workers,
    engines,
    dependencies,
    history: new HistoryRepository(session),
    schedules: new SchedulesRepository(session),
    agentPauses: new AgentPausesRepository(session),
    paused: new PausedTasksRepository(session, tasks),
    usage,
    loops,
    claimNext: (options) => claimNext({ tasks, workers, usage }, options),
    submit: (input, now) => submitTask({ tasks, dependencies }, input, now),
    addDependencies: (taskId, after, now) => addDependencies({ tasks, dependencies }, taskId, after, now),
    settleAll: (now) => settleAll({ tasks, dependencies }, now),
    settleStalledLoop: (loopId, now) => settleStalledLoop({ tasks, loops }, loopId, now),
  };
}

export { type ClaimOptions, overBudget } from './claim';
export type { PruneDeadOptions } from './engines';
export type { RetentionPolicy } from './history';
export type { ClaimedRun } from './schedules';
export type { Session } from './session';
export type { Settled } from './settle';
export type { FinishRecord, FollowUps, ListFilter, StateChange, TaskResultColumns } from './tasks';
export type { Launch } from './workers';
