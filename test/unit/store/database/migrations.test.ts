import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BindParams, Database } from 'sql.js';
import { loadSqlJs, readDiskVersion, setUserVersion } from '../../../../src/store/database/database';
import { LATEST_SCHEMA, MIGRATIONS, migrate, schemaVersion } from '../../../../src/store/database/migrations';
import { all } from '../../../../src/store/database/sql';
import { PromptFiles } from '../../../../src/store/promptFiles';
import { createRepositories } from '../../../../src/store/repositories';
import { ensureStateDir } from '../../../../src/store/stateDir';
import { openStateStore } from '../../../../src/store/stateStore';
import { cleanTempDirs, tempDir } from '../harness';

const tables = (db: Database) =>
  all(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);

/**
 * The query plan of the one page of one state group that the Tasks view loads, as the tasks
 * repository really runs it: its statements are recorded with their parameters, then explained.
 */
function pagePlan(db: Database): string {
  const seen: { sql: string; params: BindParams }[] = [];
  const prepare = db.prepare;
  db.prepare = (sql, params) => {
    const statement = prepare.call(db, sql, params);
    const bind = statement.bind;
    statement.bind = (values) => {
      seen.push({ sql, params: values ?? null });
      return bind.call(statement, values);
    };
    return statement;
  };
  try {
    const prompts = new PromptFiles(ensureStateDir(tempDir()));
    const repos = createRepositories({ db, prompts, writable: false, onAbort: () => {} });
    repos.tasks.list({ states: ['completed'], limit: 200 });
  } finally {
    db.prepare = prepare;
  }
  const page = seen.filter((q) => /FROM tasks/.test(q.sql) && /ORDER BY/.test(q.sql));
  assert.equal(page.length, 1, 'one query per page');
  return all(db, `EXPLAIN QUERY PLAN ${page[0]!.sql}`, page[0]!.params)
    .map((r) => r.detail)
    .join('\n');
}

describe('store/database/migrations', () => {
  afterEach(cleanTempDirs);

  it('are numbered 1, 2, 3, … without gaps', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
    assert.equal(LATEST_SCHEMA, MIGRATIONS.length);
  });

  it('build the whole schema on an empty database and record each step', async () => {
    const db = new (await loadSqlJs()).Database();
    assert.equal(schemaVersion(db), 0);
    assert.deepEqual(
      migrate(db, 5),
      MIGRATIONS.map((m) => m.version),
    );
    assert.deepEqual(tables(db), [
      'agent_pauses',
      'dependencies',
      'engines',
      'loop_iterations',
      'loops',
      'schedule_runs',
      'schedules',
      'schema_migrations',
      'tasks',
      'workers',
    ]);
    assert.deepEqual(
      all(db, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version'),
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: 5 })),
    );
    assert.deepEqual(migrate(db, 6), [], 'running again changes nothing');
  });

  for (let from = 1; from < LATEST_SCHEMA; from++) {
    it(`upgrade a version-${from} database in place, keeping its rows`, async () => {
      const db = new (await loadSqlJs()).Database();
      migrate(db, 1, from);
      assert.equal(schemaVersion(db), from);
      db.run(
        "INSERT INTO tasks (id, title, agent, priority, state, cwd, created_at) VALUES ('t1', 'x', 'shell', 'P1', 'queued', '/', 1)",
      );
      assert.deepEqual(
        migrate(db, 2),
        MIGRATIONS.filter((m) => m.version > from).map((m) => m.version),
      );
      assert.equal(schemaVersion(db), LATEST_SCHEMA);
      assert.deepEqual(all(db, 'SELECT id FROM tasks'), [{ id: 't1' }]);
    });

    it(`upgrade a version-${from} state.db on disk when a store opens it`, async () => {
      const dir = tempDir();
      const db = new (await loadSqlJs()).Database();
      migrate(db, 1, from);
      db.run(
        "INSERT INTO tasks (id, title, agent, priority, state, cwd, created_at) VALUES ('abcdefghjkmn', 'old', 'shell', 'P1', 'queued', '/', 1)",
      );
      setUserVersion(db, 500);
      writeFileSync(path.join(dir, 'state.db'), db.export());
      const store = await openStateStore({ dir });
      try {
        assert.equal(
          readDiskVersion(path.join(dir, 'state.db')),
          501,
          'the migration was saved as one commit',
        );
        assert.equal(store.read((r) => r.tasks.get('abcdefghjkmn'))?.title, 'old');
        assert.deepEqual(
          store.read((r) => r.workers.list()),
          [],
        );
      } finally {
        store.dispose();
      }
    });
  }

  it('6 indexes tasks by (state, created_at) on a version-5 database, which pages a state group without sorting it', async () => {
    const db = new (await loadSqlJs()).Database();
    migrate(db, 1, 5);
    // Before any row: a plan does not depend on them, and rows of an old schema do not parse.
    assert.match(pagePlan(db), /USE TEMP B-TREE FOR ORDER BY/, 'before: every page sorts the group');
    assert.deepEqual(
      migrate(db, 2),
      MIGRATIONS.filter((m) => m.version >= 6).map((m) => m.version),
    );
    for (const [id, state, at] of [
      ['t1', 'completed', 1],
      ['t2', 'queued', 2],
      ['t3', 'completed', 3],
    ] as const) {
      db.run(
        `INSERT INTO tasks (id, title, agent, priority, state, cwd, created_at) VALUES ('${id}', 'x', 'shell', 'P1', '${state}', '/', ${at})`,
      );
    }
    assert.deepEqual(
      all(db, "PRAGMA index_info('tasks_by_state_created')").map((r) => r.name),
      ['state', 'created_at'],
    );
    assert.deepEqual(all(db, "SELECT id FROM tasks WHERE state = 'completed' ORDER BY created_at DESC"), [
      { id: 't3' },
      { id: 't1' },
    ]);
    const plan = pagePlan(db);
    assert.match(plan, /SEARCH tasks USING INDEX tasks_by_state_created \(state=\?\)/);
    assert.doesNotMatch(plan, /TEMP B-TREE/, 'after: the index is already in page order');
  });

  it('11 gives a version-9 task no resume time and no resumes, and makes agent pauses', async () => {
    const dir = tempDir();
    const db = new (await loadSqlJs()).Database();
    migrate(db, 1, 9);
    db.run(
      "INSERT INTO tasks (id, title, agent, priority, state, cwd, created_at) VALUES ('abcdefghjkmn', 'old', 'claude', 'P1', 'queued', '/', 1)",
    );
    writeFileSync(path.join(dir, 'state.db'), db.export());
    const store = await openStateStore({ dir });
    try {
      const task = store.read((r) => r.tasks.get('abcdefghjkmn'));
      assert.deepEqual([task?.resumeAt, task?.limitResumes], [null, 0]);
      await store.write((r) =>
        r.agentPauses.pause({
          agent: 'claude',
          resumeAt: 9,
          pausedAt: 1,
          reason: 'usage-limit: x',
          taskId: null,
        }),
      );
      assert.equal(
        store.read((r) => r.tasks.nextRunnable({}, 5)),
        undefined,
        'claude is paused',
      );
    } finally {
      store.dispose();
    }
  });

  it('leave the database untouched when a step fails', async () => {
    const db = new (await loadSqlJs()).Database();
    migrate(db, 1, 1);
    db.run('CREATE TABLE workers (x)'); // in the way of migration 2
    assert.throws(() => migrate(db, 2), /workers/);
    assert.equal(schemaVersion(db), 1);
    assert.deepEqual(tables(db), ['schema_migrations', 'tasks', 'workers']);
  });
});
