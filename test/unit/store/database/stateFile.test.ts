import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { isDispatchError } from '../../../../src/core/errors';
import { loadSqlJs, readDiskVersion } from '../../../../src/store/database/database';
import { LATEST_SCHEMA } from '../../../../src/store/database/migrations';
import { count, run } from '../../../../src/store/database/sql';
import { StateFile, WriterSlippedIn } from '../../../../src/store/database/stateFile';
import { ensureStateDir, type StatePaths } from '../../../../src/store/stateDir';
import { cleanTempDirs, tempDir } from '../harness';

const addTask = (id: string) => (db: Database) =>
  run(
    db,
    "INSERT INTO tasks (id, title, agent, priority, state, cwd, created_at) VALUES (?, 't', 'shell', 'P1', 'queued', '/', 1)",
    [id],
  );
const taskCount = (file: StateFile) => count(file.db, 'SELECT count(*) FROM tasks');
const locked = () => true;

describe('store/database/stateFile', () => {
  let paths: StatePaths;
  let warnings: string[];
  const make = async () =>
    new StateFile({
      SQL: await loadSqlJs(),
      paths,
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
      warn: (m) => warnings.push(m),
    });

  beforeEach(() => {
    paths = ensureStateDir(tempDir());
    warnings = [];
  });
  afterEach(cleanTempDirs);

  it('starts an empty, migrated database in memory when there is no file, and writes nothing', async () => {
    const file = await make();
    assert.equal(file.refresh(), 'reloaded');
    assert.equal(file.schemaVersion, LATEST_SCHEMA);
    assert.equal(file.unsaved, true);
    assert.ok(!existsSync(paths.db));
    assert.equal(file.refresh(), 'unchanged');
  });

  it('commits: bumps the version by one and replaces the file', async () => {
    const file = await make();
    file.refreshForWrite();
    const first = file.commit(addTask('a'), locked);
    assert.equal(readDiskVersion(paths.db), first.version);
    const second = file.commit(addTask('b'), locked);
    assert.equal(second.version, first.version + 1);
    assert.equal(file.unsaved, false);
    assert.deepEqual(readdirSync(paths.dir).sort(), ['.gitignore', 'output', 'state.db']);
  });

  it('reloads only when the version on disk moved', async () => {
    const a = await make();
    const b = await make();
    a.refreshForWrite();
    a.commit(addTask('a'), locked);
    assert.equal(b.refresh(), 'reloaded');
    assert.equal(b.refresh(), 'unchanged');
    a.commit(addTask('b'), locked);
    assert.equal(b.refresh(), 'reloaded');
    assert.equal(taskCount(b), 2);
  });

  it('rolls back a change that throws: nothing in memory, nothing on disk', async () => {
    const file = await make();
    file.refreshForWrite();
    file.commit(addTask('a'), locked);
    const before = readFileSync(paths.db);
    assert.throws(() =>
      file.commit((db) => {
        addTask('b')(db);
        throw new Error('changed my mind');
      }, locked),
    );
    assert.equal(taskCount(file), 1);
    assert.deepEqual(readFileSync(paths.db), before);
  });

  it('refuses to save over a file another writer replaced meanwhile', async () => {
    const file = await make();
    const other = await make();
    file.refreshForWrite();
    file.commit(addTask('a'), locked);
    const mine = readFileSync(paths.db);
    assert.throws(
      () =>
        file.commit((db) => {
          other.refreshForWrite();
          other.commit(addTask('theirs'), locked); // slips in while "we" hold the lock
          addTask('b')(db);
        }, locked),
      (err) => err instanceof WriterSlippedIn,
    );
    assert.notDeepEqual(readFileSync(paths.db), mine, "the other writer's file stays");
    file.refreshForWrite();
    assert.equal(taskCount(file), 2, 'memory reloaded from disk: a + theirs, not b');
  });

  it('refuses to save once its lock is no longer held', async () => {
    const file = await make();
    file.refreshForWrite();
    assert.throws(
      () => file.commit(addTask('a'), () => false),
      (err) => err instanceof WriterSlippedIn,
    );
    assert.ok(!existsSync(paths.db));
  });

  for (const [what, bytes] of [
    ['zero bytes', Buffer.alloc(0)],
    ['garbage', Buffer.from('this is not a database at all, just some text\n'.repeat(200))],
  ] as const) {
    it(`moves a damaged state.db (${what}) aside, never deleting it, and starts afresh`, async () => {
      writeFileSync(paths.db, bytes);
      const file = await make();
      const result = file.refresh();
      assert.ok(typeof result === 'object' && result.corrupt.length > 0);
      file.refreshForWrite();
      const aside = `${paths.db}.corrupt-2025-01-02T03-04-05-000Z`;
      assert.deepEqual(readFileSync(aside), bytes, 'kept byte for byte');
      assert.ok(!existsSync(paths.db), 'the fresh state is written by the commit');
      file.commit(addTask('a'), locked);
      assert.equal(taskCount(file), 1);
      assert.equal(warnings.length, 1);
      assert.ok(warnings[0]!.includes(aside) && warnings[0]!.includes('nothing was deleted'), warnings[0]);
    });
  }

  it('moves a truncated state.db aside when it next writes', async () => {
    const writer = await make();
    writer.refreshForWrite();
    for (let i = 0; i < 50; i++) writer.commit(addTask(`t${i}`), locked);
    writeFileSync(paths.db, readFileSync(paths.db).subarray(0, 4096));
    const reader = await make();
    const result = reader.refresh();
    assert.ok(typeof result === 'object' && /truncated/.test(result.corrupt), JSON.stringify(result));
    reader.refreshForWrite();
    assert.equal(taskCount(reader), 0);
    assert.equal(readdirSync(paths.dir).filter((n) => n.includes('.corrupt-')).length, 1);
  });

  it('keeps serving a good memory copy when the file goes bad without its version moving', async () => {
    const writer = await make();
    writer.refreshForWrite();
    for (let i = 0; i < 50; i++) writer.commit(addTask(`t${i}`), locked);
    writeFileSync(paths.db, readFileSync(paths.db).subarray(0, 4096));
    assert.equal(writer.refresh(), 'unchanged');
    assert.equal(taskCount(writer), 50);
    writer.refreshForWrite();
    writer.commit(addTask('healed'), locked);
    const reader = await make();
    assert.equal(reader.refresh(), 'reloaded', 'the next commit wrote a whole file again');
    assert.equal(taskCount(reader), 51);
  });

  it('never writes a database from a newer schema, and says to update', async () => {
    const file = await make();
    file.refreshForWrite();
    file.commit((db) => run(db, "INSERT INTO schema_migrations VALUES (99, 'from the future', 1)"), locked);
    const before = readFileSync(paths.db);
    const older = await make();
    older.refresh();
    assert.equal(older.tooNew, true);
    assert.equal(count(older.db, 'SELECT count(*) FROM tasks'), 0, 'it can still be read');
    assert.throws(
      () => older.refreshForWrite(),
      (err) =>
        isDispatchError(err, 'state-too-new') &&
        /schema 99/.test(err.message) &&
        /Update Agent Dispatch/.test(err.message),
    );
    assert.deepEqual(readFileSync(paths.db), before);
  });

  it('keeps the previous state.db when the disk is full, and reloads it', async function () {
    if (!existsSync('/dev/full')) this.skip();
    const file = await make();
    file.refreshForWrite();
    file.commit(addTask('a'), locked);
    const before = readFileSync(paths.db);
    const tmp = `${paths.db}.${process.pid}.tmp`;
    symlinkSync('/dev/full', tmp);
    assert.throws(
      () => file.commit(addTask('b'), locked),
      (err) => isDispatchError(err, 'io') && err.message.includes(tmp) && err.message.includes('ENOSPC'),
    );
    assert.deepEqual(readFileSync(paths.db), before);
    assert.equal(file.refresh(), 'reloaded', 'memory had the unsaved change; it reloads the file');
    assert.equal(taskCount(file), 1);
    if (existsSync(tmp)) unlinkSync(tmp);
  });
});
