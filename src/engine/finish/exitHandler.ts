/**
 * Finishing this engine's tasks as their supervisors' exit records appear. One exit is often
 * seen twice at the same time — two watch events for one file, or the watch and the tick's
 * recovery pass — and each used to pay a finishing commit (measured: 296 finishing writes for
 * 200 tasks), so a task being finished is skipped by the second caller. The finishing write also
 * claims the next task (Dispatcher.commitThenClaim), so a freed slot refills at once.
 *
 * watchExitRecords notices `output/<taskId>.exit` files as supervisors write them, so the owner
 * finishes a task within milliseconds instead of waiting for its next tick. The tick still checks,
 * because fs.watch can miss events (and is unavailable on some file systems).
 */
import { type FSWatcher, watch } from 'node:fs';
import type { StateStore } from '../../store';
import type { Dispatcher } from '../dispatch/dispatcher';
import type { EngineLog } from '../engineLog';
import { type OutputPaths, readExitRecord } from '../launch/launcher';
import { type ExitRecordLike, finishFromExit } from './finisher';

export interface ExitHandlerDeps {
  store: StateStore;
  engineId: string;
  paths: OutputPaths;
  log: EngineLog;
  now: () => number;
  /** Absent in an engine that runs no tasks. */
  dispatcher: Dispatcher | undefined;
  /** dispatch.usageLimit.maxResumes, read at each finish. */
  maxResumes?: () => number;
}

export interface ExitHandler {
  /** An exit record appeared: finish the task if this engine owns it. */
  onExit(taskId: string): Promise<void>;
  /** Finishes a task from its exit record; false if it was already final or is being finished. */
  finish(taskId: string, exit: ExitRecordLike): Promise<boolean>;
}

export function createExitHandler(deps: ExitHandlerDeps): ExitHandler {
  const { store, paths, log, dispatcher } = deps;
  const inFlight = new Set<string>();

  const finish = async (taskId: string, exit: ExitRecordLike): Promise<boolean> => {
    if (inFlight.has(taskId)) return false;
    inFlight.add(taskId);
    try {
      return await finishFromExit(store, taskId, exit, deps.now(), {
        log: (m) => log.warn(m),
        commit: dispatcher ? (change) => dispatcher.commitThenClaim(change) : undefined,
        ...(deps.maxResumes ? { usageLimit: { maxResumes: deps.maxResumes() } } : {}),
      });
    } finally {
      inFlight.delete(taskId);
    }
  };

  const onExit = async (taskId: string): Promise<void> => {
    if (inFlight.has(taskId)) return;
    const mine = store.read((r) => r.workers.get(taskId))?.ownerId === deps.engineId;
    const exit = mine ? readExitRecord(paths, taskId) : undefined;
    if (!exit) return;
    try {
      await finish(taskId, exit);
    } catch (err) {
      log.error(`finishing ${taskId}: ${(err as Error).message}`);
    }
    dispatcher?.poke();
  };

  return { onExit, finish };
}

export function watchExitRecords(outputDir: string, onExit: (taskId: string) => void): { dispose(): void } {
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(outputDir, (_event, filename) => {
      const name = filename?.toString();
      if (name?.endsWith('.exit')) onExit(name.slice(0, -'.exit'.length));
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined; // the tick's scan still finds exits
  }
  return { dispose: () => watcher?.close() };
}
