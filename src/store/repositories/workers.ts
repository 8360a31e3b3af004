/**
 * The workers table: one row per running task, saying which engine owns it and which processes
 * run it. task_id is the primary key, so two engines racing for one task cannot both win: the
 * second INSERT fails and becomes an 'already-claimed' error instead of overwriting the first.
 */
import { DispatchError } from '../../core/errors';
import { type WorkerRecord, workerSchema } from '../../core/task';
import { all, count, one, run } from '../database/sql';
import { toWorker } from './rows';
import { assertWritable, type Session } from './session';

export interface Launch {
  supervisorPid: number;
  supervisorStart: string | null;
  agentPid?: number | null;
  agentStart?: string | null;
  startedAt: number;
}

export class WorkersRepository {
  constructor(private readonly session: Session) {}

  private get db() {
    return this.session.db;
  }

  claim(record: WorkerRecord): void {
    assertWritable(this.session, 'claim a task');
    const worker = workerSchema.parse(record);
    const existing = this.get(worker.taskId);
    if (existing) {
      throw new DispatchError(
        'already-claimed',
        `Task ${worker.taskId} is already claimed by engine ${existing.ownerId} on ${existing.host}; a task runs once.`,
      );
    }
    if (!one(this.db, 'SELECT 1 AS x FROM tasks WHERE id = ?', [worker.taskId])) {
      throw new DispatchError('not-found', `Cannot claim task ${worker.taskId}: it does not exist.`);
    }
    run(
      this.db,
      `INSERT INTO workers (task_id, owner_id, host, claimed_at, started_at, supervisor_pid, supervisor_start, agent_pid, agent_start)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        worker.taskId,
        worker.ownerId,
        worker.host,
        worker.claimedAt,
        worker.startedAt,
        worker.supervisorPid,
        worker.supervisorStart,
        worker.agentPid,
        worker.agentStart,
      ],
    );
  }

  get(taskId: string): WorkerRecord | undefined {
    const row = one(this.db, 'SELECT * FROM workers WHERE task_id = ?', [taskId]);
    return row ? toWorker(row) : undefined;
  }

  list(): WorkerRecord[] {
    return all(this.db, 'SELECT * FROM workers ORDER BY claimed_at, rowid').map(toWorker);
  }

  /** Running tasks across every window: what `dispatch.maxWorkers` caps. */
  countRunning(): number {
    return count(this.db, 'SELECT count(*) FROM workers');
  }

  /** Running tasks per agent, over every engine's workers (for per-agent caps). */
  runningByAgent(): Map<string, number> {
    const rows = all(
      this.db,
      'SELECT t.agent AS agent, count(*) AS n FROM workers w JOIN tasks t ON t.id = w.task_id GROUP BY t.agent',
    );
    return new Map(rows.map((row) => [String(row.agent), Number(row.n)]));
  }

  /**
   * Workers claimed or launched since `since`: their agents may not have reached full memory use
   * yet, so admission reserves room for them (architecture.md §8).
   */
  settlingCount(since: number): number {
    return count(this.db, 'SELECT count(*) FROM workers WHERE COALESCE(started_at, claimed_at) >= ?', [
      since,
    ]);
  }

  /** Records the launched processes; false if the claim is gone (the task ended meanwhile). */
  setLaunched(taskId: string, launch: Launch): boolean {
    assertWritable(this.session, 'record a launch');
    return (
      run(
        this.db,
        `UPDATE workers SET supervisor_pid = ?, supervisor_start = ?, agent_pid = ?, agent_start = ?, started_at = ?
         WHERE task_id = ?`,
        [
          launch.supervisorPid,
          launch.supervisorStart,
          launch.agentPid ?? null,
          launch.agentStart ?? null,
          launch.startedAt,
          taskId,
        ],
      ) > 0
    );
  }

  /** A claim still being prepared (a worktree being made) is not one that never launched. */
  renewClaim(taskId: string, at: number): boolean {
    assertWritable(this.session, 'renew a claim');
    return (
      run(this.db, 'UPDATE workers SET claimed_at = ? WHERE task_id = ? AND supervisor_pid IS NULL', [
        at,
        taskId,
      ]) > 0
    );
  }

  /** Adoption: a live supervisor whose owner died gets a new owner; false if the claim is gone. */
  setOwner(taskId: string, ownerId: string): boolean {
    assertWritable(this.session, 'adopt a task');
    return run(this.db, 'UPDATE workers SET owner_id = ? WHERE task_id = ?', [ownerId, taskId]) > 0;
  }

  remove(taskId: string): boolean {
    assertWritable(this.session, 'release a claim');
    return run(this.db, 'DELETE FROM workers WHERE task_id = ?', [taskId]) > 0;
  }
}
