import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ChangeWatcher } from '../../../../src/store/events/changeWatcher';
import { cleanTempDirs, eventually, sleep, tempDir } from '../harness';

describe('store/events/changeWatcher', () => {
  const watchers: ChangeWatcher[] = [];
  afterEach(() => {
    for (const w of watchers.splice(0)) w.dispose();
    cleanTempDirs();
  });

  function setup(options: { pollMs?: number; debounceMs?: number } = {}) {
    const dir = tempDir();
    const file = path.join(dir, 'state.db');
    let version: number | null = null;
    let reads = 0;
    const seen: (number | null)[] = [];
    const watcher = new ChangeWatcher({
      file,
      readVersion: () => {
        reads++;
        return version;
      },
      onChange: (v) => seen.push(v),
      pollMs: options.pollMs ?? 0,
      debounceMs: options.debounceMs,
    });
    watchers.push(watcher);
    // Replaces the file the way a commit does: write a temp file, rename it over.
    const commit = (v: number) => {
      version = v;
      writeFileSync(`${file}.tmp`, String(v));
      renameSync(`${file}.tmp`, file);
    };
    return { dir, file, seen, commit, watcher, reads: () => reads, setVersion: (v: number) => (version = v) };
  }

  it('reports a file replaced by rename, again and again (a file watch dies at the first rename)', async () => {
    const t = setup();
    for (let v = 1; v <= 5; v++) {
      t.commit(v);
      await eventually(() => t.seen.includes(v), 2000, `version ${v}`);
    }
  });

  it('coalesces a burst into few events and always ends on the latest version', async () => {
    const t = setup({ debounceMs: 30 });
    for (let v = 1; v <= 20; v++) t.commit(v);
    await eventually(() => t.seen.at(-1) === 20, 2000);
    assert.ok(t.seen.length <= 3, `seen ${t.seen.length} events`);
  });

  it('ignores lock and temp-file churn', async () => {
    const t = setup();
    writeFileSync(path.join(t.dir, 'state.lock'), 'x');
    writeFileSync(path.join(t.dir, 'state.db.123.tmp'), 'x');
    await sleep(100);
    assert.equal(t.reads(), 1, 'only the initial read');
    assert.deepEqual(t.seen, []);
  });

  it('polls as a safety net when no watch event arrives', async () => {
    const t = setup({ pollMs: 30 });
    t.setVersion(7); // changed without touching the directory
    await eventually(() => t.seen.includes(7), 2000);
  });

  it('is silent after dispose', async () => {
    const t = setup({ pollMs: 20 });
    t.watcher.dispose();
    t.commit(1);
    await sleep(100);
    assert.deepEqual(t.seen, []);
  });
});
