/** The repositories one transaction works with, all over the same in-memory database. */
import type { Task } from '../../core/task';
import { type ClaimOptions, claimNext } from './claim';
import { EnginesRepository } from './engines';
import { HistoryRepository } from './history';
import { SchedulesRepository } from './schedules';
import type { Session } from './session';
import { TasksRepository } from './tasks';
import { WorkersRepository } from './workers';

export interface Repositories {
  readonly tasks: TasksRepository;
  readonly workers: WorkersRepository;
  readonly engines: EnginesRepository;
  /** Finished tasks, for retention. */
  readonly history: HistoryRepository;
  readonly schedules: SchedulesRepository;
  /** See claim.ts: the exactly-once claim of the next runnable task. */
  claimNext(options: ClaimOptions): Task | undefined;
}

export function createRepositories(session: Session): Repositories {
  const tasks = new TasksRepository(session);
  const workers = new WorkersRepository(session);
  const engines = new EnginesRepository(session);
  return {
    tasks,
    workers,
    engines,
    history: new HistoryRepository(session),
    schedules: new SchedulesRepository(session),
    claimNext: (options) => claimNext({ tasks, workers }, options),
  };
}

export type { ClaimOptions } from './claim';
export type { PruneDeadOptions } from './engines';
export type { RetentionPolicy } from './history';
export type { ClaimedRun } from './schedules';
export type { Session } from './session';
export type { FinishRecord, ListFilter, StateChange } from './tasks';
export type { Launch } from './workers';
