/**
 * Turning a supervisor's exit record into the task's final state, once. The write re-reads the
 * task under the lock: if it is already terminal (another engine finished it, or it was
 * cancelled) nothing is overwritten; the worker row goes either way so the slot is freed.
 */
import { outcomeOf, type RunEnd } from '../core/outcome';
import type { StateStore } from '../store/stateStore';

export interface ExitRecordLike extends RunEnd {
  endedAt: number;
  outputBytes?: number;
  outputLines?: number;
}

/** Returns true if this call set the final state. */
export async function finishFromExit(
  store: StateStore,
  taskId: string,
  exit: ExitRecordLike,
  now: number,
): Promise<boolean> {
  return store.write((r) => {
    const task = r.tasks.get(taskId);
    const hadWorker = r.workers.get(taskId) !== undefined;
    if (hadWorker) r.workers.remove(taskId);
    if (task?.state !== 'running') return false;
    const { state, reason } = outcomeOf(exit, task.cancelRequestedAt !== null);
    if (exit.outputBytes !== undefined)
      r.tasks.setOutputStats(taskId, exit.outputBytes, exit.outputLines ?? 0);
    return r.tasks.finish(taskId, {
      state,
      exitCode: exit.exitCode,
      signal: exit.signal,
      reason,
      endedAt: exit.endedAt || now,
    });
  });
}
