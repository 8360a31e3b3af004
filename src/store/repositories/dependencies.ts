/**
 * The dependencies table: one row per edge "task_id waits for depends_on" (migration 4). Rows
 * outlive the dependency's run; whether an edge still holds a task back is read from the
 * dependency's state, so there is no second copy of the truth to keep in step.
 */
import type { DependencyEnd, DependencyGraph } from '../../core/graph';
import type { TaskState } from '../../core/taskState';
import { all, run } from '../database/sql';
import { assertWritable, type Session } from './session';

export class DependenciesRepository implements DependencyGraph {
  constructor(private readonly session: Session) {}

  private get db() {
    return this.session.db;
  }

  add(taskId: string, dependsOn: readonly string[]): void {
    assertWritable(this.session, 'record dependencies');
    for (const dep of dependsOn) {
      run(this.db, 'INSERT OR IGNORE INTO dependencies (task_id, depends_on) VALUES (?, ?)', [taskId, dep]);
    }
  }

  /** What `taskId` waits for (directly), in the order they were given. */
  dependenciesOf(taskId: string): string[] {
    return all(this.db, 'SELECT depends_on FROM dependencies WHERE task_id = ? ORDER BY rowid', [taskId]).map(
      (r) => String(r.depends_on),
    );
  }

  /** The tasks that wait for `taskId` (directly), oldest first. */
  dependentsOf(taskId: string): string[] {
    return all(
      this.db,
      `SELECT d.task_id FROM dependencies d JOIN tasks t ON t.id = d.task_id
       WHERE d.depends_on = ? ORDER BY t.created_at, t.rowid`,
      [taskId],
    ).map((r) => String(r.task_id));
  }

  /** The dependencies of `taskId` that still exist, with how they stand; a deleted one holds nothing. */
  ends(taskId: string): DependencyEnd[] {
    return all(
      this.db,
      `SELECT t.id, t.state, t.reason FROM dependencies d JOIN tasks t ON t.id = d.depends_on
       WHERE d.task_id = ? ORDER BY d.rowid`,
      [taskId],
    ).map((r) => ({
      id: String(r.id),
      state: String(r.state) as TaskState,
      reason: r.reason === null ? null : String(r.reason),
    }));
  }

  stateOf(taskId: string): TaskState | undefined {
    const rows = all(this.db, 'SELECT state FROM tasks WHERE id = ?', [taskId]);
    return rows.length ? (String(rows[0]!.state) as TaskState) : undefined;
  }

  /**
   * For every blocked task, the dependencies it still waits for (not completed yet): what the
   * Tasks view and `dispatch list` show as "waits for …", in one query instead of one per task.
   */
  waiting(): Map<string, string[]> {
    const rows = all(
      this.db,
      `SELECT d.task_id, d.depends_on FROM dependencies d
       JOIN tasks w ON w.id = d.task_id AND w.state = 'blocked'
       JOIN tasks t ON t.id = d.depends_on AND t.state != 'completed'
       ORDER BY d.rowid`,
    );
    const waiting = new Map<string, string[]>();
    for (const row of rows) {
      const id = String(row.task_id);
      waiting.set(id, [...(waiting.get(id) ?? []), String(row.depends_on)]);
    }
    return waiting;
  }

  /**
   * Tasks whose state disagrees with their dependencies: blocked with nothing left to wait for,
   * blocked or queued behind a failed or cancelled task, or queued behind an unfinished one. The
   * write that ends a dependency settles its dependents itself (settle.ts); these can exist only
   * after a crash of a version without that, or a hand-edited database, and recovery fixes them.
   */
  unsettled(): string[] {
    const rows = all(
      this.db,
      `SELECT w.id FROM tasks w WHERE w.state = 'blocked' AND NOT EXISTS (
         SELECT 1 FROM dependencies d JOIN tasks t ON t.id = d.depends_on
         WHERE d.task_id = w.id AND t.state IN ('queued', 'blocked', 'running', 'paused'))
       UNION
       SELECT d.task_id FROM dependencies d
       JOIN tasks w ON w.id = d.task_id AND w.state IN ('queued', 'blocked')
       JOIN tasks t ON t.id = d.depends_on
       WHERE t.state IN ('failed', 'cancelled') OR (w.state = 'queued' AND t.state != 'completed')`,
    );
    return rows.map((r) => String(r.id));
  }
}
