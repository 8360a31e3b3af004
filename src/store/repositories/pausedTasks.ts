/**
 * Tasks paused at their agent's usage limit (core/usageLimit.ts; migration 11's `resume_at` and
 * `limit_resumes`): pausing a run, the compare-and-set that resumes one exactly once, and what the
 * resumer needs to find the due ones. Every state change still goes through TasksRepository's
 * checked `setState`.
 */
import type { Task } from '../../core/task';
import { all, one, run } from '../database/sql';
import { assertWritable, type Session } from './session';
import type { FinishRecord, TasksRepository } from './tasks';

export class PausedTasksRepository {
  constructor(
    private readonly session: Session,
    private readonly tasks: TasksRepository,
  ) {}

  private get db() {
    return this.session.db;
  }

  /**
   * Pauses a running task whose agent hit its usage limit: it keeps its run's end, exit code and
   * reason, and waits for `resumeAt`. Its worker row goes, as for any end of a run.
   */
  pause(id: string, end: Omit<FinishRecord, 'state'> & { resumeAt: number }): Task {
    this.tasks.setState(id, 'paused', { reason: end.reason, endedAt: end.endedAt });
    run(this.db, 'UPDATE tasks SET exit_code = ?, signal = ?, resume_at = ? WHERE id = ?', [
      end.exitCode,
      end.signal,
      end.resumeAt,
      id,
    ]);
    return this.tasks.get(id)!;
  }

  /**
   * Queues a paused task again, counting the resume — only if it is still paused and, with
   * `dueBy`, due by then: the compare-and-set that lets exactly one engine resume it (a second
   * engine, or a Resume Now racing the timer, finds it queued and changes nothing). Returns
   * whether this call resumed it.
   */
  resume(id: string, dueBy?: number): boolean {
    const task = this.tasks.get(id);
    if (task?.state !== 'paused') return false;
    if (dueBy !== undefined && (task.resumeAt === null || task.resumeAt > dueBy)) return false;
    assertWritable(this.session, 'resume a task');
    this.tasks.setState(id, 'queued', { reason: null });
    run(this.db, 'UPDATE tasks SET limit_resumes = limit_resumes + 1 WHERE id = ?', [id]);
    return true;
  }

  /** Paused tasks whose resume time has come, soonest first. */
  due(now: number): Task[] {
    const rows = all(
      this.db,
      "SELECT id FROM tasks WHERE state = 'paused' AND resume_at <= ? ORDER BY resume_at, created_at",
      [now],
    );
    return rows.map((row) => this.tasks.get(String(row.id))!);
  }

  /** The earliest resume time of a paused task, or null when none is paused. */
  nearestResumeAt(): number | null {
    const row = one(this.db, "SELECT min(resume_at) AS at FROM tasks WHERE state = 'paused'");
    return row?.at == null ? null : Number(row.at);
  }
}
