/**
 * The schema, as numbered migrations run in order and never edited once released: a new need is a
 * new migration. Applied versions are recorded in `schema_migrations`; `user_version` is not used
 * for this because every commit bumps it as the change counter (see database.ts).
 *
 * Prompts are not in the database (see promptFiles.ts): with 1 KB prompts they were 80% of the
 * file, and every commit rewrites the whole file.
 */
import type { Database } from 'sql.js';
import { count, one, run } from './sql';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks',
    sql: `
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        agent TEXT NOT NULL,
        priority TEXT NOT NULL,
        state TEXT NOT NULL,
        cwd TEXT NOT NULL,
        timeout_ms INTEGER,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        exit_code INTEGER,
        signal TEXT,
        reason TEXT,
        retry_of TEXT,
        resume_of TEXT,
        continue_from TEXT,
        cancel_requested_at INTEGER,
        output_bytes INTEGER NOT NULL DEFAULT 0,
        output_lines INTEGER NOT NULL DEFAULT 0
      );
      -- nextRunnable: queued, by priority then age.
      CREATE INDEX tasks_by_state ON tasks (state, priority, created_at);
      -- list (newest first) and retention (oldest finished first).
      CREATE INDEX tasks_by_created ON tasks (created_at);`,
  },
  {
    version: 2,
    name: 'workers',
    // task_id is the primary key: a second claim of a task fails instead of overwriting the first.
    sql: `
      CREATE TABLE workers (
        task_id TEXT PRIMARY KEY NOT NULL,
        owner_id TEXT NOT NULL,
        host TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        started_at INTEGER,
        supervisor_pid INTEGER,
        supervisor_start TEXT,
        agent_pid INTEGER,
        agent_start TEXT
      );`,
  },
  {
    version: 3,
    name: 'engines',
    sql: `
      CREATE TABLE engines (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        pid INTEGER NOT NULL,
        process_start TEXT,
        host TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL
      );`,
  },
  {
    version: 4,
    name: 'dependencies',
    // One row per edge "task_id waits for depends_on". Rows stay after the dependency finishes:
    // whether an edge is satisfied is read from the dependency's state, so there is no second
    // copy of the truth to keep in step. The index serves "who waits for X" when X finishes.
    sql: `
      CREATE TABLE dependencies (
        task_id TEXT NOT NULL,
        depends_on TEXT NOT NULL,
        PRIMARY KEY (task_id, depends_on)
      );
      CREATE INDEX dependencies_by_target ON dependencies (depends_on);`,
  },
  {
    version: 5,
    name: 'schedules',
    // A schedule's prompt stays in its row: schedules are few, unlike tasks (see promptFiles.ts).
    // next_run_at is what engines compare-and-set to claim a due run. A run's primary key is its
    // due time, so a second claim of the same due time fails instead of creating a second task.
    sql: `
      CREATE TABLE schedules (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        prompt TEXT NOT NULL,
        agent TEXT NOT NULL,
        priority TEXT NOT NULL,
        cwd TEXT NOT NULL,
        timeout_ms INTEGER,
        cron TEXT,
        timezone TEXT,
        run_at INTEGER,
        missed_policy TEXT NOT NULL,
        max_runs INTEGER,
        expires_at INTEGER,
        status TEXT NOT NULL,
        next_run_at INTEGER,
        run_count INTEGER NOT NULL DEFAULT 0,
        last_task_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        end_reason TEXT
      );
      CREATE INDEX schedules_by_next_run ON schedules (status, next_run_at);
      CREATE TABLE schedule_runs (
        schedule_id TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        due_count INTEGER NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        task_id TEXT,
        outcome TEXT NOT NULL,
        reason TEXT,
        PRIMARY KEY (schedule_id, due_at)
      );
      CREATE INDEX schedule_runs_by_task ON schedule_runs (task_id);`,
  },
  {
    version: 6,
    name: 'tasks_by_state_created',
    // The Tasks view pages each state newest first (TasksRepository.list with one state:
    // state = ? ORDER BY created_at DESC, rowid DESC LIMIT 200). tasks_by_state has priority
    // between state and created_at, so every page read and sorted the whole group. The rowid ends
    // every index entry, so this one walked backwards is already in the page's order.
    sql: `
      CREATE INDEX tasks_by_state_created ON tasks (state, created_at);`,
  },
  {
    version: 7,
    name: 'task_autonomy_model_reply',
    // NULL autonomy: stored before levels existed (those runs passed no permission flags).
    sql: `
      ALTER TABLE tasks ADD COLUMN autonomy TEXT;
      ALTER TABLE tasks ADD COLUMN model TEXT;
      ALTER TABLE tasks ADD COLUMN reply_to TEXT;
      ALTER TABLE schedules ADD COLUMN autonomy TEXT;
      ALTER TABLE schedules ADD COLUMN model TEXT;
      CREATE INDEX tasks_by_reply_to ON tasks (reply_to);`,
  },
  {
    version: 8,
    name: 'task_results',
    // What lists and totals need from the agent's result; its summary and refusals stay in the
    // task's .exit record (texts here would make every commit rewrite them, architecture.md §3).
    sql: `
      ALTER TABLE tasks ADD COLUMN session_id TEXT;
      ALTER TABLE tasks ADD COLUMN input_tokens INTEGER;
      ALTER TABLE tasks ADD COLUMN output_tokens INTEGER;
      ALTER TABLE tasks ADD COLUMN cached_input_tokens INTEGER;
      ALTER TABLE tasks ADD COLUMN cost_usd REAL;
      ALTER TABLE tasks ADD COLUMN turns INTEGER;
      ALTER TABLE tasks ADD COLUMN denial_count INTEGER;`,
  },
  {
    version: 9,
    name: 'task_worktrees',
    // A task's own git worktree (core/worktree.ts): path and branch planned at delegate time, the
    // base commit it is measured against, when its changes were applied and when it was removed.
    // Retention keeps a task whose worktree is still on disk (history.ts), so it is indexed.
    sql: `
      ALTER TABLE tasks ADD COLUMN worktree_path TEXT;
      ALTER TABLE tasks ADD COLUMN worktree_branch TEXT;
      ALTER TABLE tasks ADD COLUMN worktree_base TEXT;
      ALTER TABLE tasks ADD COLUMN worktree_applied_at INTEGER;
      ALTER TABLE tasks ADD COLUMN worktree_removed_at INTEGER;
      CREATE INDEX tasks_by_worktree ON tasks (worktree_path);`,
  },
  {
    version: 10,
    name: 'loops',
    // A loop's prompt stays in its row: loops are few, unlike tasks (see promptFiles.ts). An
    // iteration's primary key is (loop, number), so a second queueing of one iteration is refused;
    // its task_id is unique and indexed, because every task that ends is looked up there.
    // The check's output is not kept here: it reaches the next iteration's prompt (a file).
    sql: `
      CREATE TABLE loops (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        prompt TEXT NOT NULL,
        agent TEXT NOT NULL,
        cwd TEXT NOT NULL,
        until_command TEXT,
        eval_command TEXT,
        direction TEXT,
        target REAL,
        max_iterations INTEGER NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        best_task_id TEXT,
        best_score REAL,
        created_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX loops_by_state ON loops (state, created_at);
      CREATE TABLE loop_iterations (
        loop_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        task_id TEXT NOT NULL UNIQUE,
        check_exit INTEGER,
        check_problem TEXT,
        score REAL,
        checked_at INTEGER,
        PRIMARY KEY (loop_id, number)
      );`,
  },
  {
    version: 11,
    name: 'usage_limits',
    // A task paused at its agent's usage limit (core/usageLimit.ts) keeps its resume time and
    // how often it was resumed; the engines compare-and-set the state to resume it once. An
    // agent's pause is one row per agent, read by the claim query (tasks.nextRunnable).
    sql: `
      ALTER TABLE tasks ADD COLUMN resume_at INTEGER;
      ALTER TABLE tasks ADD COLUMN limit_resumes INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE agent_pauses (
        agent TEXT PRIMARY KEY NOT NULL,
        resume_at INTEGER NOT NULL,
        paused_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        task_id TEXT
      );`,
  },
  {
    version: 12,
    name: 'tasks_by_ended',
    // Usage and the daily budget sum the runs that ended since a time (repositories/usage.ts); with
    // a budget set, every claim does, under the lock. Without it each sum scanned the whole table:
    // ~5 ms at 10,000 tasks against ~1 ms for a day's rows through this index (2-core VM, loaded).
    sql: `
      CREATE INDEX tasks_by_ended ON tasks (ended_at);`,
  },
  {
    version: 13,
    name: 'task_created_by',
    // The engine that stored the task: while it is a live window, that window announces how the
    // task ends (the window a person delegated from), whichever engine runs it.
    sql: `
      ALTER TABLE tasks ADD COLUMN created_by TEXT;`,
  },
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The highest migration applied to `db`; 0 for a database with no schema yet. */
export function schemaVersion(db: Database): number {
  const table = one(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!table) return 0;
  return count(db, 'SELECT COALESCE(MAX(version), 0) FROM schema_migrations');
}

/**
 * Applies every migration above the current version, up to `target`, in one SQL transaction:
 * a failure leaves the database as it was. Returns the versions applied.
 */
export function migrate(db: Database, now: number, target = LATEST_SCHEMA): number[] {
  const from = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return [];
  db.run('BEGIN');
  try {
    db.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    for (const migration of pending) {
      db.exec(migration.sql);
      run(db, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now,
      ]);
    }
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
  return pending.map((m) => m.version);
}
