/**
 * The Workers view's model: one entry per running task in any window of the workspace (the
 * workers table), with the engine that owns it told apart as this window, another window, a
 * `dispatch worker` or nobody (its owner died; a live engine adopts it on its next tick). Pure.
 */
import type { EngineRecord, Task, WorkerRecord } from '../../core/task';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

export type OwnerKind = 'this-window' | 'other-window' | 'cli' | 'test' | 'none';

export interface Owner {
  readonly kind: OwnerKind;
  /** In words: "this window", "other window", "dispatch worker (pid 123)", … */
  readonly label: string;
  readonly engine: EngineRecord | undefined;
}

export interface WorkerEntry {
  readonly task: Task;
  readonly worker: WorkerRecord;
  readonly owner: Owner;
}

export function ownerOf(ownerId: string, engines: readonly EngineRecord[], thisEngineId?: string): Owner {
  const engine = engines.find((e) => e.id === ownerId);
  if (ownerId === thisEngineId) return { kind: 'this-window', label: 'this window', engine };
  if (!engine) return { kind: 'none', label: 'no owner (being adopted)', engine };
  switch (engine.kind) {
    case 'window':
      return { kind: 'other-window', label: 'other window', engine };
    case 'cli':
      return { kind: 'cli', label: `dispatch worker (pid ${engine.pid})`, engine };
    case 'test':
      return { kind: 'test', label: engine.label, engine };
  }
}

const signature = (entries: readonly WorkerEntry[]) =>
  entries
    .map(
      ({ task, worker, owner }) =>
        `${task.id}:${task.title}:${task.cancelRequestedAt}:${worker.ownerId}:${owner.kind}:` +
        `${worker.startedAt}:${worker.supervisorPid}:${worker.agentPid}`,
    )
    .join(',');

export class WorkersModel {
  private current: readonly WorkerEntry[] = [];
  private engineList: readonly EngineRecord[] = [];
  private last = '';
  private readonly listeners = new Listeners<void>();

  readonly onDidChange = this.listeners.event;

  get entries(): readonly WorkerEntry[] {
    return this.current;
  }

  /** Live engines, as last read (for deciding which window announces a finished task). */
  get engines(): readonly EngineRecord[] {
    return this.engineList;
  }

  /** Re-reads the workers; `thisEngineId` is this window's engine. True if anything shown changed. */
  refresh(store: StoreReader | undefined, thisEngineId?: string): boolean {
    const read = store?.read((r) => {
      const engines = r.engines.list();
      const entries = r.workers.list().flatMap((worker) => {
        const task = r.tasks.get(worker.taskId);
        return task ? [{ task, worker, owner: ownerOf(worker.ownerId, engines, thisEngineId) }] : [];
      });
      return { engines, entries };
    });
    this.engineList = read?.engines ?? [];
    this.current = read?.entries ?? [];
    const sig = signature(this.current);
    if (sig === this.last) return false;
    this.last = sig;
    this.listeners.fire();
    return true;
  }
}
