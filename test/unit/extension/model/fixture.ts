/** A store the extension's models can read, over the store tests' in-memory repositories. */
import type { EngineRecord } from '../../../../src/core/task';
import type { TaskState } from '../../../../src/core/taskState';
import type { StoreReader } from '../../../../src/extension/model/tasksModel';
import { newTask, type RepoHarness, repoHarness } from '../../store/harness';

export interface ModelFixture extends RepoHarness {
  store: StoreReader;
  /**
   * Adds a task in `state` created at `at` (by the engine `createdBy`, if given); running ones get
   * a worker owned by `owner`.
   */
  add(state: TaskState, at: number, owner?: string, createdBy?: string): string;
  engine(id: string, kind: EngineRecord['kind'], startedAt?: number): void;
}

export async function modelFixture(): Promise<ModelFixture> {
  const h = await repoHarness();
  const r = h.repos;
  return {
    ...h,
    store: { read: (query) => query(h.readOnly) },
    add(state, at, owner = 'engine-a', createdBy) {
      const { id } = r.tasks.create(newTask({ prompt: `task at ${at}`, createdBy }), at);
      if (state === 'queued') return id;
      if (state === 'blocked' || state === 'cancelled') {
        r.tasks.setState(id, state, state === 'cancelled' ? { endedAt: at + 1 } : {});
        return id;
      }
      r.tasks.markRunning(id, at);
      r.workers.claim({
        taskId: id,
        ownerId: owner,
        host: 'h',
        claimedAt: at,
        startedAt: at,
        supervisorPid: 100,
        supervisorStart: 's',
        agentPid: 101,
        agentStart: 'a',
      });
      if (state === 'running') return id;
      if (state === 'paused') {
        const reason = "usage-limit: You've hit your 5-hour limit · resets 3pm";
        r.paused.pause(id, { exitCode: 1, signal: null, reason, endedAt: at + 5, resumeAt: at + 60_000 });
        return id;
      }
      const failed = state === 'failed';
      r.tasks.finish(id, { state, exitCode: failed ? 1 : 0, signal: null, reason: null, endedAt: at + 5 });
      return id;
    },
    engine(id, kind, startedAt = 1) {
      r.engines.heartbeat({
        id,
        kind,
        label: `${kind} ${id}`,
        pid: 4242,
        processStart: null,
        host: 'h',
        startedAt,
        heartbeatAt: startedAt,
      });
    },
  };
}
