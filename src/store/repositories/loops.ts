/**
 * The loops and loop_iterations tables (migration 10). A loop moves on only inside the write that
 * ended its latest iteration's task (loopAdvance.ts); `addIteration` refuses a second row for one
 * iteration number, so even a logic error elsewhere cannot queue an iteration twice.
 */
import { DispatchError, messageOf } from '../../core/errors';
import { isIdPrefix, newId } from '../../core/ids';
import type { CheckResult, IterationEntry, Loop, LoopEnd, LoopIteration, NewLoop } from '../../core/loop';
import type { Best } from '../../core/loopRules';
import type { TaskState } from '../../core/taskState';
import { all, count, one, run } from '../database/sql';
import { toLoop, toLoopIteration } from './rows';
import { assertWritable, type Session } from './session';

export class LoopsRepository {
  /**
   * Checks recorded in this transaction, with their output: the next iteration's prompt is
   * written from it in the same write, and the database keeps only the numbers.
   */
  private readonly recorded = new Map<string, CheckResult>();

  constructor(private readonly session: Session) {}

  private get db() {
    return this.session.db;
  }

  create(input: NewLoop, now: number): Loop {
    assertWritable(this.session, 'create a loop');
    let id = newId();
    while (this.get(id)) id = newId();
    run(
      this.db,
      `INSERT INTO loops (id, title, prompt, agent, cwd, until_command, eval_command, direction, target,
         max_iterations, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
      [
        id,
        input.title,
        input.prompt,
        input.agent,
        input.cwd,
        input.untilCommand,
        input.evalCommand,
        input.direction,
        input.target,
        input.maxIterations,
        now,
      ],
    );
    return this.require(id);
  }

  get(id: string): Loop | undefined {
    const row = one(this.db, 'SELECT * FROM loops WHERE id = ?', [id]);
    return row ? toLoop(row) : undefined;
  }

  /** A loop by full id or unambiguous prefix, as a user types it. */
  resolve(idOrPrefix: string): Loop {
    const key = idOrPrefix.trim().toLowerCase();
    if (!isIdPrefix(key))
      throw new DispatchError(
        'not-found',
        `"${idOrPrefix}" is not a loop id (ids are 12 letters and digits).`,
      );
    const rows = all(this.db, 'SELECT id FROM loops WHERE id GLOB ? ORDER BY created_at DESC LIMIT 6', [
      `${key}*`,
    ]);
    const exact = rows.find((r) => r.id === key);
    if (exact || rows.length === 1) return this.require(String((exact ?? rows[0]!).id));
    if (rows.length === 0) throw new DispatchError('not-found', `No loop id starts with "${key}".`);
    const shown = rows.slice(0, 5).map((r) => r.id);
    throw new DispatchError(
      'ambiguous-id',
      `"${key}" matches ${rows.length > 5 ? 'more than 5' : rows.length} loops: ${shown.join(', ')}. Type more of the id.`,
    );
  }

  /** Newest first; `running` only, or loops created since `since` too. */
  list(filter: { since?: number; limit?: number } = {}): Loop[] {
    const where = filter.since === undefined ? '' : "WHERE state = 'running' OR created_at >= ?";
    const params = filter.since === undefined ? [] : [filter.since];
    return all(this.db, `SELECT * FROM loops ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`, [
      ...params,
      filter.limit ?? -1,
    ]).map(toLoop);
  }

  /** Oldest first. */
  iterations(loopId: string): LoopIteration[] {
    return all(this.db, 'SELECT * FROM loop_iterations WHERE loop_id = ? ORDER BY number', [loopId]).map(
      toLoopIteration,
    );
  }

  /** Oldest first, each with its task's state (null when the task is gone). */
  entries(loopId: string): IterationEntry[] {
    return all(
      this.db,
      `SELECT i.*, t.state AS task_state, t.reason AS task_reason, t.started_at AS task_started_at,
         t.ended_at AS task_ended_at
       FROM loop_iterations i LEFT JOIN tasks t ON t.id = i.task_id WHERE i.loop_id = ? ORDER BY i.number`,
      [loopId],
    ).map(({ task_state, task_reason, task_started_at, task_ended_at, ...own }) => ({
      ...toLoopIteration(own),
      state: task_state == null ? null : (String(task_state) as TaskState),
      reason: task_reason == null ? null : String(task_reason),
      startedAt: task_started_at == null ? null : Number(task_started_at),
      endedAt: task_ended_at == null ? null : Number(task_ended_at),
    }));
  }

  /** The iteration a task is, if it is one (every ended task is looked up: task_id is indexed). */
  iterationOf(taskId: string): LoopIteration | undefined {
    const row = one(this.db, 'SELECT * FROM loop_iterations WHERE task_id = ?', [taskId]);
    return row ? toLoopIteration(row) : undefined;
  }

  latest(loopId: string): LoopIteration | undefined {
    const row = one(this.db, 'SELECT * FROM loop_iterations WHERE loop_id = ? ORDER BY number DESC LIMIT 1', [
      loopId,
    ]);
    return row ? toLoopIteration(row) : undefined;
  }

  addIteration(loopId: string, number: number, taskId: string): LoopIteration {
    assertWritable(this.session, 'queue a loop iteration');
    const taken = count(this.db, 'SELECT count(*) FROM loop_iterations WHERE loop_id = ? AND number = ?', [
      loopId,
      number,
    ]);
    if (taken > 0) {
      throw new DispatchError('already-claimed', `Loop ${loopId} already has an iteration ${number}.`);
    }
    run(this.db, 'INSERT INTO loop_iterations (loop_id, number, task_id) VALUES (?, ?, ?)', [
      loopId,
      number,
      taskId,
    ]);
    return this.iterationOf(taskId)!;
  }

  /** The check of the iteration `taskId`, recorded before its task is finished in the same write. */
  recordCheck(taskId: string, check: CheckResult, scored: number | null, now: number): void {
    assertWritable(this.session, 'record a loop check');
    this.recorded.set(taskId, check);
    run(
      this.db,
      'UPDATE loop_iterations SET check_exit = ?, check_problem = ?, score = ?, checked_at = ? WHERE task_id = ?',
      [check.exitCode, check.problem, scored, now, taskId],
    );
  }

  /** What recordCheck was given in this transaction (with the output), if anything. */
  recordedCheck(taskId: string): CheckResult | undefined {
    return this.recorded.get(taskId);
  }

  setBest(loopId: string, best: Best | null): void {
    assertWritable(this.session, 'record a loop best');
    run(this.db, 'UPDATE loops SET best_task_id = ?, best_score = ? WHERE id = ?', [
      best?.taskId ?? null,
      best?.score ?? null,
      loopId,
    ]);
  }

  /** Ends a running loop; false (nothing changed) if it already ended, whoever ended it. */
  end(loopId: string, state: LoopEnd, reason: string, now: number): boolean {
    assertWritable(this.session, 'end a loop');
    return (
      run(
        this.db,
        "UPDATE loops SET state = ?, reason = ?, ended_at = ? WHERE id = ? AND state = 'running'",
        [state, reason, now, loopId],
      ) === 1
    );
  }

  /**
   * Running loops whose latest iteration's task ended or is gone: normally none, since the write
   * that ends an iteration moves its loop on. Checked by every engine's tick (loopService.ts).
   */
  stalled(): string[] {
    return all(
      this.db,
      `SELECT l.id FROM loops l
       JOIN loop_iterations i ON i.loop_id = l.id
         AND i.number = (SELECT MAX(number) FROM loop_iterations WHERE loop_id = l.id)
       LEFT JOIN tasks t ON t.id = i.task_id
       WHERE l.state = 'running' AND (t.id IS NULL OR t.state IN ('completed', 'failed', 'cancelled'))`,
    ).map((r) => String(r.id));
  }

  /**
   * Runs `change` in a savepoint: all of it or none. Returns undefined when it succeeded, else its
   * error's message (the caller records that instead; the rest of the write goes on).
   */
  atomically(change: () => void): string | undefined {
    assertWritable(this.session, 'change a loop');
    this.db.run('SAVEPOINT loop_step');
    try {
      change();
      this.db.run('RELEASE loop_step');
      return undefined;
    } catch (err) {
      this.db.run('ROLLBACK TO loop_step');
      this.db.run('RELEASE loop_step');
      return messageOf(err);
    }
  }

  private require(id: string): Loop {
    const loop = this.get(id);
    if (!loop) throw new DispatchError('not-found', `Loop ${id} does not exist.`);
    return loop;
  }
}
