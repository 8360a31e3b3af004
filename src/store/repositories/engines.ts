/**
 * The engines table ("windows" in earlier designs; architecture.md §5): which engines are alive, with a heartbeat, so the
 * Workers view can say which window runs a task and recovery can tell a dead owner from a live one.
 */
import { type EngineRecord, engineSchema } from '../../core/task';
import { all, one, run } from '../database/sql';
import { isAlive as processIsAlive } from '../os/processInfo';
import { toEngine } from './rows';
import { assertWritable, type Session } from './session';

export interface PruneDeadOptions {
  now: number;
  /** An engine whose last heartbeat is older than this is gone, whatever its host. */
  staleAfterMs: number;
  /** This host: an engine here is also gone as soon as its process is. */
  host: string;
  isAlive?: (pid: number, start: string | null) => boolean;
}

export class EnginesRepository {
  constructor(private readonly session: Session) {}

  /** Registers the engine or refreshes its heartbeat. */
  heartbeat(record: EngineRecord): void {
    assertWritable(this.session, 'record a heartbeat');
    const e = engineSchema.parse(record);
    run(
      this.session.db,
      `INSERT INTO engines (id, kind, label, pid, process_start, host, started_at, heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, label = excluded.label, pid = excluded.pid,
         process_start = excluded.process_start, host = excluded.host, heartbeat_at = excluded.heartbeat_at`,
      [e.id, e.kind, e.label, e.pid, e.processStart, e.host, e.startedAt, e.heartbeatAt],
    );
  }

  get(id: string): EngineRecord | undefined {
    const row = one(this.session.db, 'SELECT * FROM engines WHERE id = ?', [id]);
    return row ? toEngine(row) : undefined;
  }

  list(): EngineRecord[] {
    return all(this.session.db, 'SELECT * FROM engines ORDER BY started_at, rowid').map(toEngine);
  }

  remove(id: string): boolean {
    assertWritable(this.session, 'remove an engine');
    return run(this.session.db, 'DELETE FROM engines WHERE id = ?', [id]) > 0;
  }

  /** Removes engines that are provably gone; returns them. Their workers are left to recovery. */
  pruneDead(options: PruneDeadOptions): EngineRecord[] {
    assertWritable(this.session, 'prune engines');
    const alive = options.isAlive ?? processIsAlive;
    const dead = this.list().filter(
      (e) =>
        options.now - e.heartbeatAt > options.staleAfterMs ||
        (e.host === options.host && !alive(e.pid, e.processStart)),
    );
    for (const engine of dead) this.remove(engine.id);
    return dead;
  }
}
