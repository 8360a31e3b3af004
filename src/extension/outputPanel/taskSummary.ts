/**
 * What the panel's header shows about a task (protocol TaskSummary), read from the shared state.
 * "Where it runs" compares the worker's owner with this window's engine and, for another owner,
 * looks at the kind of engine it is. No vscode: unit-tested on its own.
 */
import type { EngineRecord, Task, WorkerRecord } from '../../core/task';
import type { Engine } from '../../engine/engine';
import type { TaskSummary } from '../../protocol/outputPanel';

export function runningIn(
  worker: WorkerRecord | undefined,
  owner: EngineRecord | undefined,
  thisEngineId: string | undefined,
): string | null {
  if (!worker) return null;
  if (worker.ownerId === thisEngineId) return 'this window';
  if (owner?.kind === 'cli') return 'dispatch worker';
  if (owner?.kind === 'test') return 'another process';
  // A window, or an owner that just died and is not adopted yet: either way, not this one.
  return 'another window';
}

export function toSummary(task: Task, where: string | null): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    agent: task.agent,
    state: task.state,
    priority: task.priority,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    endedAt: task.endedAt,
    exitCode: task.exitCode,
    signal: task.signal,
    reason: task.reason,
    runningIn: where,
  };
}

/** The task's summary now, or undefined if it no longer exists (deleted, pruned). */
export function readSummary(engine: Engine, taskId: string): TaskSummary | undefined {
  return engine.state.read((r) => {
    const task = r.tasks.get(taskId);
    if (!task) return undefined;
    const worker = r.workers.get(taskId);
    const owner = worker && r.engines.get(worker.ownerId);
    return toSummary(task, runningIn(worker, owner, engine.id));
  });
}

/** A header for a task not read yet (a panel restored before the engine opened). */
export function placeholderSummary(taskId: string): TaskSummary {
  return {
    id: taskId,
    title: taskId,
    agent: '',
    state: 'queued',
    priority: '',
    createdAt: Date.now(),
    startedAt: null,
    endedAt: null,
    exitCode: null,
    signal: null,
    reason: null,
    runningIn: null,
  };
}
