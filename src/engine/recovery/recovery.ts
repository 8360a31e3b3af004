/**
 * Recovery, run by every engine at start and on every tick (architecture.md §7). For each worker row:
 * - supervisor alive, owner dead        → adopt it (nothing is lost; the task keeps running);
 * - exit record present                 → finish the task from it;
 * - supervisor dead, no exit record     → FAILED "supervisor died" (and stop what it left behind);
 * - claimed but never launched          → requeue (or cancel, if a cancel was asked for).
 * Then it settles any waiting task whose dependencies disagree with its state (see settle.ts;
 * normally the write that ends a dependency does that, so this finds something only after a
 * crash of an older version or a hand edit).
 * Every decision is re-checked inside the write transaction, and a terminal state is never
 * overwritten, so several engines recovering at once cannot run a task twice (weakness #2).
 */
import type { EngineRecord, WorkerRecord } from '../../core/task';
import type { StateStore } from '../../store';
import { type ExitRecordLike, finishFromExit, recordGitFacts } from '../finish/finisher';
import { type OutputPaths, readExitRecord, readPidRecord } from '../launch/launcher';
import { killProcessGroup } from '../supervisor/processTree';
import { isEngineAlive, isLocalProcessAlive, thisHost } from './liveness';

/** A claim younger than this may still be launching in its owner; leave it alone. */
export const LAUNCH_GRACE_MS = 30_000;

export interface RecoveryReport {
  adopted: string[];
  finished: string[];
  failed: string[];
  requeued: string[];
  /** Blocked tasks whose dependencies had all completed (see `settleWaiting`). */
  released: string[];
  /** Waiting tasks behind a failed or cancelled dependency. */
  cancelled: string[];
}

export interface RecoveryDeps {
  store: StateStore;
  engineId: string;
  paths: OutputPaths;
  now: () => number;
  /**
   * Finishes a task from its exit record; default `finishFromExit`. The engine passes its own,
   * which skips a task it is already finishing (its exit watcher and this pass race for it).
   */
  finish?: (taskId: string, exit: ExitRecordLike) => Promise<boolean>;
}

export async function recover({
  store,
  engineId,
  paths,
  now,
  finish = (taskId, exit) => finishFromExit(store, taskId, exit, now()),
}: RecoveryDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = {
    adopted: [],
    finished: [],
    failed: [],
    requeued: [],
    released: [],
    cancelled: [],
  };
  const { workers, engines } = store.read((r) => ({ workers: r.workers.list(), engines: r.engines.list() }));
  const byId = new Map<string, EngineRecord>(engines.map((e) => [e.id, e]));
  for (const worker of workers) {
    const ownerAlive = worker.ownerId === engineId || isEngineAlive(byId.get(worker.ownerId), now());
    const finishedByExit = async (): Promise<boolean> => {
      const exit = readExitRecord(paths, worker.taskId);
      if (!exit) return false;
      // The owner finishes its own tasks as soon as it sees the record; others step in only
      // when the owner is gone.
      if (ownerAlive && worker.ownerId !== engineId) return true;
      if (await finish(worker.taskId, exit)) report.finished.push(worker.taskId);
      return true;
    };
    if (await finishedByExit()) continue;
    const record = readPidRecord(paths, worker.taskId);
    // A task resumed after a usage limit runs again under its id: a record older than this claim
    // is its last run's (whose supervisor is gone), not a sign that this one died.
    const current = record && record.startedAt >= worker.claimedAt ? record : undefined;
    const pid = worker.supervisorPid ?? current?.supervisorPid ?? null;
    const start = worker.supervisorStart ?? current?.supervisorStart ?? null;
    const supervisorAlive = isLocalProcessAlive(worker.host, pid, start);
    if (supervisorAlive === undefined && worker.host !== thisHost) continue; // another machine's task
    if (supervisorAlive) {
      if (!ownerAlive && (await adopt(store, worker, engineId))) report.adopted.push(worker.taskId);
      continue;
    }
    if (pid !== null) {
      // A supervisor writes its exit record and then exits: one that ended between the first look
      // and the liveness check left a record by now. Only without one was it killed.
      if (await finishedByExit()) continue;
      // Launched, and the supervisor is gone without an exit record: it was killed.
      stopLeftovers(paths, worker);
      await recordGitFacts(store, worker.taskId);
      if (await failSupervisorDied(store, worker.taskId, now())) report.failed.push(worker.taskId);
      continue;
    }
    if (!ownerAlive || now() - worker.claimedAt > LAUNCH_GRACE_MS) {
      if (await requeueUnlaunched(store, worker, now())) report.requeued.push(worker.taskId);
    }
  }
  await settleWaiting(store, now(), report);
  return report;
}

async function settleWaiting(store: StateStore, now: number, report: RecoveryReport): Promise<void> {
  // Checked without the lock first: almost every tick finds nothing, and must not write.
  if (store.read((r) => r.dependencies.unsettled()).length === 0) return;
  const settled = await store.write((r) => r.settleAll(now));
  for (const [id, what] of settled) {
    if (what === 'released') report.released.push(id);
    if (what === 'cancelled') report.cancelled.push(id);
  }
}

async function adopt(store: StateStore, worker: WorkerRecord, engineId: string): Promise<boolean> {
  return store.write((r) => {
    const current = r.workers.get(worker.taskId);
    if (!current || current.ownerId !== worker.ownerId) return false;
    r.workers.setOwner(worker.taskId, engineId);
    return true;
  });
}

async function failSupervisorDied(store: StateStore, taskId: string, now: number): Promise<boolean> {
  return store.write((r) => {
    const changed = r.tasks.finish(taskId, {
      state: 'failed',
      exitCode: null,
      signal: null,
      reason: 'supervisor died (the process that ran the agent was killed)',
      endedAt: now,
    });
    r.workers.remove(taskId);
    return changed;
  });
}

async function requeueUnlaunched(store: StateStore, worker: WorkerRecord, now: number): Promise<boolean> {
  return store.write((r) => {
    const current = r.workers.get(worker.taskId);
    if (!current || current.supervisorPid !== null || current.ownerId !== worker.ownerId) return false;
    const task = r.tasks.get(worker.taskId);
    r.workers.remove(worker.taskId);
    if (task?.state !== 'running') return false;
    if (task.cancelRequestedAt !== null) {
      return r.tasks.finish(task.id, {
        state: 'cancelled',
        exitCode: null,
        signal: null,
        reason: 'cancelled by user',
        endedAt: now,
      });
    }
    r.tasks.requeue(task.id);
    return true;
  });
}

/** The agent's process group may outlive a killed supervisor; end it if it is provably ours. */
function stopLeftovers(paths: OutputPaths, worker: WorkerRecord): void {
  const pidRecord = readPidRecord(paths, worker.taskId);
  const agentPid = worker.agentPid ?? pidRecord?.agentPid ?? null;
  const agentStart = worker.agentStart ?? pidRecord?.agentStart ?? null;
  if (agentPid !== null && isLocalProcessAlive(worker.host, agentPid, agentStart)) {
    killProcessGroup(agentPid, 'SIGKILL');
  }
}
