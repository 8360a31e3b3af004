/**
 * The tasks table. Every state change goes through `setState`, which enforces the core transition
 * table: a finished task is never overwritten, whoever writes last (architecture.md §11.5). A task leaving
 * RUNNING also loses its worker row, so a finished or requeued task can never hold a slot.
 */
import { DispatchError } from '../../core/errors';
import { isIdPrefix, newId } from '../../core/ids';
import { DEFAULT_PRIORITY, type NewTask, type Task, titleFromPrompt } from '../../core/task';
import { canTransition, isTerminal, TASK_STATES, type TaskState } from '../../core/taskState';
import { plannedWorktree } from '../../core/worktree';
import { all, one, run } from '../database/sql';
import { toTask } from './rows';
import { assertWritable, type Session } from './session';

export interface FinishRecord {
  state: 'completed' | 'failed' | 'cancelled';
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  endedAt: number;
}

export interface StateChange {
  reason?: string | null;
  /** Required when `to` is terminal. */
  endedAt?: number;
  /** Sets started_at when `to` is 'running'. */
  startedAt?: number;
}

export interface ListFilter {
  states?: readonly TaskState[];
  limit?: number;
  offset?: number;
}

export interface TasksHooks {
  /** Runs inside the same write whenever a task reaches a terminal state (see settle.ts). */
  ended?: (task: Task) => void;
}

export type TaskResultColumns = Pick<
  Task,
  'sessionId' | 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'costUsd' | 'turns' | 'denialCount'
>;

/** Tasks created as follow-ups of one task, oldest first. */
export interface FollowUps {
  retriedAs: string[];
  resumedAs: string[];
  repliedAs: string[];
}

export class TasksRepository {
  constructor(
    private readonly session: Session,
    private readonly hooks: TasksHooks = {},
  ) {}

  private get db() {
    return this.session.db;
  }

  /** Inserts the row and prompt only; submit.ts adds dependencies and picks `state`. */
  create(input: NewTask, now: number, state: 'queued' | 'blocked' = 'queued'): Task {
    assertWritable(this.session, 'create a task');
    let id = newId();
    while (this.get(id)) id = newId();
    const prompts = this.session.prompts;
    // The prompt file first: a committed row must always find its prompt.
    prompts.write(id, input.prompt);
    this.session.onAbort(() => prompts.remove(id));
    const worktree = input.worktree ? plannedWorktree(id, input.worktree) : null;
    run(
      this.db,
      `INSERT INTO tasks (id, title, agent, priority, state, cwd, timeout_ms, created_at, retry_of, resume_of,
         continue_from, reply_to, autonomy, model, worktree_path, worktree_branch, worktree_base, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        input.title?.trim() || titleFromPrompt(input.prompt),
        input.agent,
        input.priority ?? DEFAULT_PRIORITY,
        state,
        input.cwd,
        input.timeoutMs ?? null,
        now,
        input.retryOf ?? null,
        input.resumeOf ?? null,
        input.continueFrom ?? null,
        input.replyTo ?? null,
        input.autonomy ?? null,
        input.model ?? null,
        worktree?.path ?? null,
        worktree?.branch ?? null,
        worktree?.base ?? null,
        input.createdBy ?? null,
      ],
    );
    return this.require(id);
  }

  get(id: string): Task | undefined {
    const row = one(this.db, 'SELECT * FROM tasks WHERE id = ?', [id]);
    return row ? toTask(row, this.session.prompts.read(id)) : undefined;
  }

  /** A task by full id or unambiguous prefix, as a user types it. */
  resolve(idOrPrefix: string): Task {
    const key = idOrPrefix.trim().toLowerCase();
    if (!isIdPrefix(key)) {
      throw new DispatchError(
        'not-found',
        `"${idOrPrefix}" is not a task id (ids are 12 letters and digits).`,
      );
    }
    const exact = this.get(key);
    if (exact) return exact;
    // The id alphabet has no GLOB wildcards, so the prefix needs no escaping.
    const rows = all(
      this.db,
      'SELECT id, title FROM tasks WHERE id GLOB ? ORDER BY created_at DESC LIMIT 6',
      [`${key}*`],
    );
    if (rows.length === 1) return this.require(String(rows[0]!.id));
    if (rows.length === 0) throw new DispatchError('not-found', `No task id starts with "${key}".`);
    const shown = rows.slice(0, 5).map((r) => `${r.id} (${r.title})`);
    throw new DispatchError(
      'ambiguous-id',
      `"${key}" matches ${rows.length > 5 ? 'more than 5' : rows.length} tasks: ${shown.join(', ')}. Type more of the id.`,
    );
  }

  /** Newest first. */
  list(filter: ListFilter = {}): Task[] {
    const states = filter.states ?? [];
    const where = states.length ? `WHERE state IN (${states.map(() => '?').join(', ')})` : '';
    const rows = all(
      this.db,
      `SELECT * FROM tasks ${where} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`,
      [...states, filter.limit ?? -1, filter.offset ?? 0],
    );
    return rows.map((row) => toTask(row, this.session.prompts.read(String(row.id))));
  }

  counts(): Record<TaskState, number> {
    const counts = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
    for (const row of all(this.db, 'SELECT state, count(*) AS n FROM tasks GROUP BY state')) {
      if (String(row.state) in counts) counts[row.state as TaskState] = Number(row.n);
    }
    return counts;
  }

  /** Per agent, how many of its tasks are in each of `states` (agents with none are left out). */
  countsByAgent(states: readonly TaskState[]): Map<string, Partial<Record<TaskState, number>>> {
    const counts = new Map<string, Partial<Record<TaskState, number>>>();
    if (states.length === 0) return counts;
    const rows = all(
      this.db,
      `SELECT agent, state, count(*) AS n FROM tasks WHERE state IN (${states.map(() => '?').join(', ')})
       GROUP BY agent, state`,
      [...states],
    );
    for (const row of rows) {
      const agent = String(row.agent);
      counts.set(agent, { ...counts.get(agent), [row.state as TaskState]: Number(row.n) });
    }
    return counts;
  }

  /**
   * The task to run next: QUEUED, highest priority (P0 first), then oldest, then first inserted.
   * A queued task never has an unfinished dependency (settle.ts keeps it so); the NOT EXISTS
   * makes sure that even a damaged database cannot start one early.
   *
   * `agentCaps` (dispatch.agents.<name>.maxWorkers): an agent whose running tasks, counted over
   * every engine's worker rows, have reached its cap is left out, so its queued tasks wait while
   * the next task of an agent with room is picked — in one query, in the caller's write. An agent
   * paused at its usage limit until after `now` (agent_pauses) is left out the same way; without
   * `now` every recorded pause counts.
   */
  nextRunnable(agentCaps: Readonly<Record<string, number>> = {}, now?: number): Task | undefined {
    const caps = Object.entries(agentCaps);
    const capsTable = caps.length
      ? `WITH caps(agent, cap) AS (VALUES ${caps.map(() => '(?, ?)').join(', ')}),
         full(agent) AS (SELECT caps.agent FROM caps WHERE caps.cap <= (
           SELECT count(*) FROM workers w JOIN tasks r ON r.id = w.task_id WHERE r.agent = caps.agent))`
      : '';
    const row = one(
      this.db,
      `${capsTable} SELECT id FROM tasks WHERE state = 'queued' AND NOT EXISTS (
         SELECT 1 FROM dependencies d JOIN tasks t ON t.id = d.depends_on
         WHERE d.task_id = tasks.id AND t.state != 'completed')
       ${caps.length ? 'AND agent NOT IN (SELECT agent FROM full)' : ''}
       AND agent NOT IN (SELECT agent FROM agent_pauses WHERE resume_at > ?)
       ORDER BY priority, created_at, rowid LIMIT 1`,
      [...caps.flat(), now ?? -1],
    );
    return row ? this.get(String(row.id)) : undefined;
  }

  markRunning(id: string, now: number): Task {
    return this.setState(id, 'running', { startedAt: now });
  }

  /**
   * Ends a task with the terminal-state guard: returns false and changes nothing if it already
   * ended (a late exit never overwrites CANCELLED). Throws for any other refused transition, and
   * for a "completed" that is not a clean exit 0 (signal deaths are failures, architecture.md §6).
   */
  finish(id: string, end: FinishRecord): boolean {
    const task = this.require(id);
    if (isTerminal(task.state)) return false;
    if (end.state === 'completed' && (end.exitCode !== 0 || end.signal !== null)) {
      throw new DispatchError(
        'invalid-transition',
        `Task ${id} cannot be "completed" with exit code ${end.exitCode} and signal ${end.signal}; that is a failure.`,
      );
    }
    this.setState(id, end.state, { reason: end.reason, endedAt: end.endedAt });
    run(this.db, 'UPDATE tasks SET exit_code = ?, signal = ? WHERE id = ?', [end.exitCode, end.signal, id]);
    return true;
  }

  /**
   * Records a cancel request from any window. A running task is left to its supervisor (signalled
   * by the engine); a queued or blocked one has nothing to signal, so it ends CANCELLED at once.
   * A finished task is left alone. Returns the task as it now is.
   */
  requestCancel(id: string, now: number): Task {
    const task = this.require(id);
    if (isTerminal(task.state)) return task;
    assertWritable(this.session, 'cancel a task');
    if (task.state !== 'running')
      return this.setState(id, 'cancelled', { reason: 'cancelled by user', endedAt: now });
    if (task.cancelRequestedAt === null) {
      run(this.db, 'UPDATE tasks SET cancel_requested_at = ? WHERE id = ?', [now, id]);
    }
    return this.require(id);
  }

  /** Hands a claimed task back to the queue (its supervisor never launched). */
  requeue(id: string): Task {
    return this.setState(id, 'queued');
  }

  followUps(id: string): FollowUps {
    const rows = all(
      this.db,
      `SELECT id, retry_of, reply_to FROM tasks WHERE retry_of = ? OR resume_of = ? OR reply_to = ?
       ORDER BY created_at, rowid`,
      [id, id, id],
    );
    const ids = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).map((r) => String(r.id));
    return {
      retriedAs: ids((r) => r.retry_of === id),
      resumedAs: ids((r) => r.retry_of !== id && r.reply_to !== id),
      repliedAs: ids((r) => r.retry_of !== id && r.reply_to === id),
    };
  }

  /** What lists and totals need from the agent's own account of a finished run. */
  setResult(id: string, result: TaskResultColumns): void {
    assertWritable(this.session, 'record a task result');
    run(
      this.db,
      `UPDATE tasks SET session_id = ?, input_tokens = ?, output_tokens = ?, cached_input_tokens = ?,
         cost_usd = ?, turns = ?, denial_count = ? WHERE id = ?`,
      [
        result.sessionId,
        result.inputTokens,
        result.outputTokens,
        result.cachedInputTokens,
        result.costUsd,
        result.turns,
        result.denialCount,
        id,
      ],
    );
  }

  /** Its worktree's changes were applied to the workspace (every task sharing the worktree). */
  setWorktreeApplied(worktreePath: string, at: number): void {
    assertWritable(this.session, 'record an apply');
    run(this.db, 'UPDATE tasks SET worktree_applied_at = ? WHERE worktree_path = ?', [at, worktreePath]);
  }

  /** Its worktree and branch are gone (every task sharing the worktree). */
  setWorktreeRemoved(worktreePath: string, at: number): void {
    assertWritable(this.session, 'record a removed worktree');
    run(
      this.db,
      'UPDATE tasks SET worktree_removed_at = ? WHERE worktree_path = ? AND worktree_removed_at IS NULL',
      [at, worktreePath],
    );
  }

  /** Tasks that run or ran in this worktree (a task and its replies), oldest first. */
  sharingWorktree(worktreePath: string): Task[] {
    const rows = all(this.db, 'SELECT id FROM tasks WHERE worktree_path = ? ORDER BY created_at, rowid', [
      worktreePath,
    ]);
    return rows.map((row) => this.require(String(row.id)));
  }

  setOutputStats(id: string, bytes: number, lines: number): void {
    assertWritable(this.session, 'record output size');
    run(this.db, 'UPDATE tasks SET output_bytes = ?, output_lines = ? WHERE id = ?', [bytes, lines, id]);
  }

  /** Every state change, checked against the core transition table. */
  setState(id: string, to: TaskState, change: StateChange = {}): Task {
    assertWritable(this.session, `move a task to ${to}`);
    const task = this.require(id);
    if (!canTransition(task.state, to)) {
      throw new DispatchError('invalid-transition', `Task ${id} cannot go from ${task.state} to ${to}.`);
    }
    if (isTerminal(to) && change.endedAt === undefined) {
      throw new DispatchError('invalid-input', `Ending task ${id} as ${to} needs an end time.`);
    }
    const startedAt = to === 'running' ? (change.startedAt ?? null) : to === 'queued' ? null : task.startedAt;
    // A paused task keeps its run's end; it is cleared with the resume time when it runs again.
    const endedAt = isTerminal(to) ? change.endedAt! : to === 'paused' ? (change.endedAt ?? null) : null;
    run(
      this.db,
      'UPDATE tasks SET state = ?, started_at = ?, ended_at = ?, reason = ?, resume_at = NULL WHERE id = ?',
      [to, startedAt, endedAt, change.reason !== undefined ? change.reason : task.reason, id],
    );
    if (task.state === 'running') run(this.db, 'DELETE FROM workers WHERE task_id = ?', [id]);
    const updated = this.require(id);
    if (isTerminal(to)) this.hooks.ended?.(updated);
    return updated;
  }

  private require(id: string): Task {
    const task = this.get(id);
    if (!task) throw new DispatchError('not-found', `Task ${id} does not exist (it may have been deleted).`);
    return task;
  }
}
