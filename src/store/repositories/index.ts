/** The repositories one transaction works with, all over the same in-memory database. */
import type { Task } from '../../core/task';
import { type ClaimOptions, claimNext } from './claim';
import { EnginesRepository } from './engines';
import type { Session } from './session';
import { TasksRepository } from './tasks';
import { WorkersRepository } from './workers';

export interface Repositories {
  readonly tasks: TasksRepository;
  readonly workers: WorkersRepository;
  readonly engines: EnginesRepository;
  /** See claim.ts: the exactly-once claim of the next runnable task. */
  claimNext(options: ClaimOptions): Task | undefined;
}

export function createRepositories(session: Session): Repositories {
  const tasks = new TasksRepository(session);
  const workers = new WorkersRepository(session);
  const engines = new EnginesRepository(session);
  return { tasks, workers, engines, claimNext: (options) => claimNext({ tasks, workers }, options) };
}

export type { ClaimOptions } from './claim';
export type { PruneDeadOptions } from './engines';
export type { Session } from './session';
export type { FinishRecord, ListFilter, StateChange } from './tasks';
export type { Launch } from './workers';
