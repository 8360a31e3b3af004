import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkDatabaseBytes,
  getUserVersion,
  loadSqlJs,
  locateWasm,
  nextVersion,
  openDatabaseBytes,
  readDiskVersion,
  setUserVersion,
} from '../../../../src/store/database/database';
import { cleanTempDirs, tempDir } from '../harness';

async function sampleBytes(version = 7): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE t (x TEXT)');
  for (let i = 0; i < 200; i++) db.run('INSERT INTO t VALUES (?)', ['x'.repeat(100)]);
  setUserVersion(db, version);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('store/database/database', () => {
  afterEach(cleanTempDirs);

  it('finds the wasm and initialises sql.js once per process', async () => {
    assert.ok(existsSync(locateWasm()));
    assert.equal(loadSqlJs(), loadSqlJs());
    assert.ok((await loadSqlJs()).Database);
  });

  it('reads the version from 4 bytes at offset 60 without opening the database', async () => {
    const file = path.join(tempDir(), 'state.db');
    assert.equal(readDiskVersion(file), null);
    writeFileSync(file, await sampleBytes(123456));
    assert.equal(readDiskVersion(file), 123456);
    writeFileSync(file, 'short');
    assert.ok(Number.isNaN(readDiskVersion(file)));
  });

  it('accepts a whole database and rejects empty, short, foreign and truncated ones', async () => {
    const good = await sampleBytes();
    assert.equal(checkDatabaseBytes(good), undefined);
    assert.match(checkDatabaseBytes(new Uint8Array(0)) ?? '', /empty \(0 bytes\)/);
    assert.match(checkDatabaseBytes(good.subarray(0, 50)) ?? '', /shorter than a header/);
    assert.match(checkDatabaseBytes(Buffer.from('x'.repeat(4096))) ?? '', /not an SQLite database/);
    assert.match(checkDatabaseBytes(good.subarray(0, good.length - 100)) ?? '', /truncated/);
    // Cut at a page boundary: SQLite would open this and fail later, mid-query.
    assert.match(checkDatabaseBytes(good.subarray(0, 4096)) ?? '', /truncated \(header says/);
  });

  it('opens a sound image, and explains one that is not', async () => {
    const SQL = await loadSqlJs();
    const opened = openDatabaseBytes(SQL, await sampleBytes(9), true);
    assert.ok('db' in opened);
    if ('db' in opened) {
      assert.equal(getUserVersion(opened.db), 9);
      opened.db.close();
    }
    const bad = openDatabaseBytes(SQL, Buffer.from('garbage'), false);
    assert.ok('problem' in bad);
  });

  it('starts a new file at a random version and counts up from there', () => {
    const starts = new Set(Array.from({ length: 20 }, () => nextVersion(null)));
    assert.ok(starts.size > 15, 'random starts rarely collide');
    for (const start of starts) assert.ok(start >= 1 && start <= 0x40000000);
    assert.equal(nextVersion(41), 42);
    assert.equal(nextVersion(0x7fffffff), 1, 'wraps before overflowing a signed 32-bit int');
    assert.ok(nextVersion(Number.NaN) >= 1);
  });
});
