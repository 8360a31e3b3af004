import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../src/core/errors';
import { loadSqlJs, readDiskVersion } from '../../../src/store/database/database';
import type { StateChangeEvent } from '../../../src/store/events/storeEvents';
import { openStateStore, type StateStore } from '../../../src/store/stateStore';
import { cleanTempDirs, eventually, newTask, tempDir } from './harness';

describe('store/stateStore', () => {
  let dir: string;
  const opened: StateStore[] = [];
  const open = async (options: Partial<Parameters<typeof openStateStore>[0]> = {}) => {
    const store = await openStateStore({ dir, ...options });
    opened.push(store);
    return store;
  };
  const increment = (store: StateStore, id: string) =>
    store.write((r) => {
      const task = r.tasks.get(id)!;
      r.tasks.setOutputStats(id, task.outputBytes + 1, 0);
    });

  beforeEach(() => {
    dir = path.join(tempDir(), 'dispatch');
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.dispose();
    cleanTempDirs();
  });

  it('creates the state directory, its .gitignore and state.db on open', async () => {
    const store = await open();
    assert.equal(store.dir, dir);
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), '*\n');
    assert.ok(existsSync(path.join(dir, 'state.db')));
    assert.deepEqual(store.warnings, []);
  });

  it('saves each write as one new version that another store then reads', async () => {
    const a = await open();
    const b = await open();
    const before = readDiskVersion(a.paths.db)!;
    const task = await a.write((r) => r.tasks.create(newTask(), 1));
    assert.equal(readDiskVersion(a.paths.db), before + 1);
    assert.equal(b.read((r) => r.tasks.get(task.id))?.prompt, task.prompt);
  });

  it('saves nothing when the change throws, and passes the error on', async () => {
    const store = await open();
    const before = readFileSync(store.paths.db);
    await assert.rejects(
      store.write((r) => {
        r.tasks.create(newTask(), 1);
        throw new Error('no thanks');
      }),
      /no thanks/,
    );
    assert.deepEqual(readFileSync(store.paths.db), before);
    assert.equal(store.read((r) => r.tasks.list()).length, 0);
    assert.deepEqual(readdirSync(store.paths.outputDir), [], 'the prompt file went too');
  });

  it('keeps working after a failed write', async () => {
    const store = await open();
    await assert.rejects(store.write((r) => r.tasks.markRunning('nope00000000', 1)));
    await store.write((r) => r.tasks.create(newTask(), 1));
    assert.equal(
      store.read((r) => r.tasks.counts().queued),
      1,
    );
  });

  it('refuses changes inside read()', async () => {
    const store = await open();
    assert.throws(
      () => store.read((r) => r.tasks.create(newTask(), 1)),
      (err) => isDispatchError(err, 'invalid-input'),
    );
  });

  it('lets a write read its own uncommitted change', async () => {
    const store = await open();
    const seen = await store.write((r) => {
      const { id } = r.tasks.create(newTask(), 1);
      return store.read((q) => q.tasks.get(id)?.state);
    });
    assert.equal(seen, 'queued');
  });

  it('loses no update when writes of one store and of two stores interleave', async () => {
    const a = await open();
    const b = await open();
    const { id } = await a.write((r) => r.tasks.create(newTask(), 1));
    await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 ? a : b, id)));
    assert.equal(
      a.read((r) => r.tasks.get(id)?.outputBytes),
      40,
    );
    assert.equal(
      b.read((r) => r.tasks.get(id)?.outputBytes),
      40,
    );
  });

  it("fires onDidChange for its own writes and for other stores' writes", async () => {
    const a = await open();
    const b = await open();
    const seenByA: StateChangeEvent[] = [];
    const seenByB: StateChangeEvent[] = [];
    a.onDidChange((e) => seenByA.push(e));
    const subscription = b.onDidChange((e) => seenByB.push(e));
    await a.write((r) => r.tasks.create(newTask(), 1));
    const version = readDiskVersion(a.paths.db);
    await eventually(() => seenByA.length > 0 && seenByB.length > 0, 3000, 'both events');
    assert.deepEqual(seenByA.at(-1), { version, external: false });
    assert.deepEqual(seenByB.at(-1), { version, external: true });
    subscription.dispose();
    await a.write((r) => r.tasks.create(newTask(), 2));
    await eventually(() => seenByA.length > 1, 3000, 'the second event');
    assert.equal(seenByB.length, 1, 'a disposed listener hears nothing');
  });

  it('gives up waiting for the lock with an error naming the holder', async () => {
    const store = await open({ lockTimeoutMs: 150 });
    writeFileSync(
      store.paths.lock,
      JSON.stringify({
        pid: process.pid,
        processStart: null,
        host: hostname(),
        token: 'x',
        acquiredAt: Date.now(),
      }),
    );
    await assert.rejects(
      store.write(() => 1),
      (err) => isDispatchError(err, 'lock-timeout') && err.message.includes(`pid ${process.pid}`),
    );
  });

  it('moves a damaged state.db aside on open, reports it, and carries on', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'state.db'), 'garbage');
    const store = await open();
    assert.equal(store.warnings.length, 1);
    assert.match(store.warnings[0]!, /moved aside to .*state\.db\.corrupt-/);
    assert.equal(readdirSync(dir).filter((n) => n.startsWith('state.db.corrupt-')).length, 1);
    await store.write((r) => r.tasks.create(newTask(), 1));
    assert.equal(
      store.read((r) => r.tasks.counts().queued),
      1,
    );
  });

  it('repairs a state.db damaged while it is open, without a write of its own', async () => {
    const logs: string[] = [];
    const store = await open({ log: (m) => logs.push(m) });
    await store.write((r) => r.tasks.create(newTask(), 1));
    writeFileSync(store.paths.db, 'garbage written by something else');
    assert.equal(
      store.read((r) => r.tasks.counts().queued),
      1,
      'reads go on from memory',
    );
    await eventually(() => store.warnings.length === 1, 3000, 'the repair');
    await eventually(
      () => readDiskVersion(store.paths.db) !== null && !Number.isNaN(readDiskVersion(store.paths.db)),
    );
    assert.equal(
      store.read((r) => r.tasks.counts().queued),
      0,
      'a fresh state',
    );
  });

  it('opens a state.db from a newer version read-only, with a warning', async () => {
    const first = await open();
    await first.write((r) => r.tasks.create(newTask({ title: 'kept' }), 1));
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(first.paths.db));
    db.run("INSERT INTO schema_migrations VALUES (42, 'future', 1)");
    writeFileSync(first.paths.db, db.export());
    const before = readFileSync(first.paths.db);
    const older = await open();
    assert.match(older.warnings[0] ?? '', /newer version of Agent Dispatch/);
    assert.equal(
      older.read((r) => r.tasks.list()[0]?.title),
      'kept',
    );
    await assert.rejects(
      older.write(() => 1),
      (err) => isDispatchError(err, 'state-too-new'),
    );
    assert.deepEqual(readFileSync(first.paths.db), before);
  });

  it('starts over when state.db is deleted while open', async () => {
    const store = await open();
    await store.write((r) => r.tasks.create(newTask(), 1));
    unlinkSync(store.paths.db);
    assert.equal(store.read((r) => r.tasks.list()).length, 0);
    await store.write((r) => r.tasks.create(newTask(), 2));
    assert.equal(store.read((r) => r.tasks.list()).length, 1);
  });

  it('refuses use after dispose', async () => {
    const store = await open();
    store.dispose();
    assert.throws(
      () => store.read(() => 1),
      (err) => isDispatchError(err, 'invalid-input'),
    );
    await assert.rejects(
      store.write(() => 1),
      (err) => isDispatchError(err, 'invalid-input'),
    );
  });
});
