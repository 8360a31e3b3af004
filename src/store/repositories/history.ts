/**
 * Finished tasks as history, for retention (architecture.md §7, §11.8): which ones the policy expires, and
 * deleting them with whatever still refers to them, so state.db (rewritten whole at every commit)
 * stays small.
 */
import { TERMINAL_STATES } from '../../core/taskState';
import { all, run } from '../database/sql';
import { assertWritable, type Session } from './session';

export interface RetentionPolicy {
  /** Finished tasks older than this many days go. Default 30 (dispatch.retentionDays). */
  retentionDays: number;
  /** At most this many finished tasks stay, the newest. Default 5000 (dispatch.maxHistory). */
  maxHistory: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FINISHED = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');

export class HistoryRepository {
  constructor(private readonly session: Session) {}

  /**
   * The finished tasks `policy` expires at `now`. Queued, blocked and running tasks never expire,
   * nor does a task whose worktree is still on disk: its changes may not be applied yet, and only
   * the engine can ask git (see `holdingWorktrees`).
   */
  expired(policy: RetentionPolicy, now: number): string[] {
    return this.expiring(policy, now)
      .filter((t) => !t.holdsWorktree)
      .map((t) => t.id);
  }

  /** Every finished task (Clear Finished). */
  finished(): string[] {
    return all(this.session.db, `SELECT id FROM tasks WHERE state IN (${FINISHED})`).map((r) => String(r.id));
  }

  /** Tasks the policy would expire but for their worktree; the engine decides about each. */
  holdingWorktrees(policy: RetentionPolicy, now: number): string[] {
    return this.expiring(policy, now)
      .filter((t) => t.holdsWorktree)
      .map((t) => t.id);
  }

  private expiring(policy: RetentionPolicy, now: number): { id: string; holdsWorktree: boolean }[] {
    const cutoff = now - policy.retentionDays * DAY_MS;
    const rows = all(
      this.session.db,
      `SELECT id, (worktree_path IS NOT NULL AND worktree_removed_at IS NULL) AS holds FROM tasks
       WHERE id IN (
         SELECT id FROM tasks WHERE state IN (${FINISHED}) AND COALESCE(ended_at, created_at) < ?
         UNION
         SELECT id FROM (SELECT id FROM tasks WHERE state IN (${FINISHED})
                         ORDER BY COALESCE(ended_at, created_at) DESC, rowid DESC LIMIT -1 OFFSET ?))`,
      [cutoff, policy.maxHistory],
    );
    return rows.map((r) => ({ id: String(r.id), holdsWorktree: Number(r.holds) === 1 }));
  }

  /**
   * Deletes the tasks, any worker row left for them and their dependency edges (a blocked task
   * never waits for a deleted one: only finished tasks expire, and settle.ts treats a missing
   * dependency as satisfied), then hands the freed pages back so the file shrinks (incremental
   * auto-vacuum is switched on when a database is created).
   */
  delete(ids: readonly string[]): void {
    assertWritable(this.session, 'delete tasks');
    // Batches stay under SQLite's bound-parameter limit.
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const marks = batch.map(() => '?').join(', ');
      // A scheduled run keeps its outcome after its task goes (schedules.ts reads it live until then).
      run(
        this.session.db,
        `UPDATE schedule_runs SET outcome = (SELECT state FROM tasks WHERE tasks.id = schedule_runs.task_id)
         WHERE task_id IN (${marks})`,
        batch,
      );
      run(this.session.db, `DELETE FROM workers WHERE task_id IN (${marks})`, batch);
      run(this.session.db, `DELETE FROM dependencies WHERE task_id IN (${marks})`, batch);
      run(this.session.db, `DELETE FROM dependencies WHERE depends_on IN (${marks})`, batch);
      run(this.session.db, `DELETE FROM tasks WHERE id IN (${marks})`, batch);
    }
    for (const id of ids) this.session.prompts.forget(id);
    if (ids.length === 0) return;
    // A finished loop none of whose iterations is left goes with its last one.
    run(
      this.session.db,
      `DELETE FROM loops WHERE state != 'running' AND NOT EXISTS (
         SELECT 1 FROM loop_iterations i JOIN tasks t ON t.id = i.task_id WHERE i.loop_id = loops.id)`,
    );
    run(this.session.db, 'DELETE FROM loop_iterations WHERE loop_id NOT IN (SELECT id FROM loops)');
    this.session.db.run('PRAGMA incremental_vacuum');
  }
}
