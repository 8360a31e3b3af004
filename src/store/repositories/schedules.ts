/**
 * The schedules and schedule_runs tables. Exactly-once firing rests on `claimDue`: a compare-and-set
 * of next_run_at inside the caller's write, so of several engines that saw the same due time only
 * the first to take the lock moves it on; the others find it moved and do nothing. The run's
 * primary key (schedule, due time) backs this up: a second entry for one due time is refused.
 */
import { DispatchError } from '../../core/errors';
import { isIdPrefix, newId } from '../../core/ids';
import {
  canChangeStatus,
  type NewSchedule,
  type Schedule,
  type ScheduleRun,
  type ScheduleStatus,
} from '../../core/schedule';
import type { TimingUpdate } from '../../core/scheduleRules';
import { all, count, one, run } from '../database/sql';
import { toSchedule, toScheduleRun } from './rows';
import { assertWritable, type Session } from './session';

/** History entries kept per schedule, newest first: state.db is rewritten whole at every commit. */
export const RUNS_KEPT = 200;

/** What a claimed due time changes: the timing, and the count of tasks made so far. */
export interface ClaimedRun extends TimingUpdate {
  runCount: number;
}

export class SchedulesRepository {
  constructor(private readonly session: Session) {}

  private get db() {
    return this.session.db;
  }

  create(input: NewSchedule, timing: TimingUpdate, now: number): Schedule {
    assertWritable(this.session, 'create a schedule');
    let id = newId();
    while (this.get(id)) id = newId();
    run(
      this.db,
      `INSERT INTO schedules (id, title, prompt, agent, priority, cwd, timeout_ms, cron, timezone, run_at,
         missed_policy, max_runs, expires_at, status, next_run_at, created_at, updated_at, end_reason,
         autonomy, model)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        input.title,
        input.prompt,
        input.agent,
        input.priority,
        input.cwd,
        input.timeoutMs,
        input.cron,
        input.timezone,
        input.runAt,
        input.missedPolicy,
        input.maxRuns,
        input.expiresAt,
        timing.status,
        timing.nextRunAt,
        now,
        now,
        timing.endReason,
        input.autonomy,
        input.model,
      ],
    );
    return this.require(id);
  }

  get(id: string): Schedule | undefined {
    const row = one(this.db, 'SELECT * FROM schedules WHERE id = ?', [id]);
    return row ? toSchedule(row) : undefined;
  }

  /** A schedule by full id or unambiguous prefix, as a user types it. */
  resolve(idOrPrefix: string): Schedule {
    const key = idOrPrefix.trim().toLowerCase();
    if (!isIdPrefix(key)) {
      throw new DispatchError(
        'not-found',
        `"${idOrPrefix}" is not a schedule id (ids are 12 letters and digits).`,
      );
    }
    const rows = all(this.db, 'SELECT id FROM schedules WHERE id GLOB ? ORDER BY created_at DESC LIMIT 6', [
      `${key}*`,
    ]);
    const exact = rows.find((r) => r.id === key);
    if (exact || rows.length === 1) return this.require(String((exact ?? rows[0]!).id));
    if (rows.length === 0) throw new DispatchError('not-found', `No schedule id starts with "${key}".`);
    throw new DispatchError(
      'ambiguous-id',
      `"${key}" matches ${rows.length > 5 ? 'more than 5' : rows.length} schedules: ${rows
        .slice(0, 5)
        .map((r) => r.id)
        .join(', ')}. Type more of the id.`,
    );
  }

  /** Newest first. */
  list(): Schedule[] {
    return all(this.db, 'SELECT * FROM schedules ORDER BY created_at DESC, rowid DESC').map(toSchedule);
  }

  /** Active schedules whose due time has come, earliest first. */
  due(now: number): Schedule[] {
    return all(
      this.db,
      "SELECT * FROM schedules WHERE status = 'active' AND next_run_at <= ? ORDER BY next_run_at, rowid",
      [now],
    ).map(toSchedule);
  }

  /** The earliest due time of any active schedule: where the engines aim their timers. */
  nearestRunAt(): number | null {
    const row = one(this.db, "SELECT MIN(next_run_at) AS at FROM schedules WHERE status = 'active'");
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /**
   * Claims the due time `expected` of schedule `id` and moves the schedule on. False (and nothing
   * changed) when another engine claimed it first or the schedule was paused or cancelled meanwhile.
   */
  claimDue(id: string, expected: number, claimed: ClaimedRun, now: number): boolean {
    assertWritable(this.session, 'claim a scheduled run');
    const changed = run(
      this.db,
      `UPDATE schedules SET next_run_at = ?, status = ?, end_reason = ?, run_count = ?, updated_at = ?
       WHERE id = ? AND status = 'active' AND next_run_at = ?`,
      [claimed.nextRunAt, claimed.status, claimed.endReason, claimed.runCount, now, id, expected],
    );
    return changed === 1;
  }

  /**
   * Adds a history entry and drops the oldest beyond RUNS_KEPT. A fired run's task becomes the
   * schedule's latest, which no later run may overlap.
   */
  recordRun(entry: ScheduleRun): void {
    assertWritable(this.session, 'record a scheduled run');
    const taken = count(this.db, 'SELECT count(*) FROM schedule_runs WHERE schedule_id = ? AND due_at = ?', [
      entry.scheduleId,
      entry.dueAt,
    ]);
    if (taken > 0) {
      throw new DispatchError(
        'already-claimed',
        `Schedule ${entry.scheduleId} already has a run for ${new Date(entry.dueAt).toISOString()}; a due time runs once.`,
      );
    }
    run(
      this.db,
      `INSERT INTO schedule_runs (schedule_id, due_at, due_count, at, kind, task_id, outcome, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.scheduleId,
        entry.dueAt,
        entry.dueCount,
        entry.at,
        entry.kind,
        entry.taskId,
        entry.outcome,
        entry.reason,
      ],
    );
    run(
      this.db,
      `DELETE FROM schedule_runs WHERE schedule_id = ? AND due_at NOT IN
         (SELECT due_at FROM schedule_runs WHERE schedule_id = ? ORDER BY due_at DESC LIMIT ?)`,
      [entry.scheduleId, entry.scheduleId, RUNS_KEPT],
    );
    if (entry.taskId !== null) {
      run(this.db, 'UPDATE schedules SET last_task_id = ? WHERE id = ?', [entry.taskId, entry.scheduleId]);
    }
  }

  /** Newest first; a fired run's outcome is its task's current state while the task exists. */
  runs(id: string, limit = RUNS_KEPT): ScheduleRun[] {
    return all(
      this.db,
      `SELECT r.schedule_id, r.due_at, r.due_count, r.at, r.kind, r.task_id, r.reason,
         COALESCE(t.state, r.outcome) AS outcome
       FROM schedule_runs r LEFT JOIN tasks t ON t.id = r.task_id
       WHERE r.schedule_id = ? ORDER BY r.due_at DESC LIMIT ?`,
      [id, limit],
    ).map(toScheduleRun);
  }

  /** Pause, resume, cancel, finish: checked against the allowed status changes. */
  setStatus(id: string, to: ScheduleStatus, timing: Omit<TimingUpdate, 'status'>, now: number): Schedule {
    assertWritable(this.session, `make a schedule ${to}`);
    const schedule = this.require(id);
    if (!canChangeStatus(schedule.status, to)) {
      throw new DispatchError(
        'invalid-transition',
        `Schedule ${id} is ${schedule.status}; it cannot become ${to}.`,
      );
    }
    run(
      this.db,
      'UPDATE schedules SET status = ?, next_run_at = ?, end_reason = ?, updated_at = ? WHERE id = ?',
      [to, timing.nextRunAt, timing.endReason, now, id],
    );
    return this.require(id);
  }

  private require(id: string): Schedule {
    const schedule = this.get(id);
    if (!schedule) throw new DispatchError('not-found', `Schedule ${id} does not exist.`);
    return schedule;
  }
}
