/**
 * The shared state between real processes: readers never see a partial database, one process
 * hears another's changes, and exactly one process wins each claim.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDiskVersion } from '../../../src/store/database/database';
import { openStateStore, type StateStore } from '../../../src/store/stateStore';
import { killClients, startClient } from '../../support/storeClients';

describe('multiprocess: store/stateStore', function () {
  this.timeout(90_000);
  let dir: string;
  let store: StateStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-mp-store-'));
    store = await openStateStore({ dir });
  });
  afterEach(async () => {
    await killClients();
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('readers running during writes always see a whole database', async () => {
    // Some history, so each save writes several pages.
    const taskId = await store.write((r) => {
      for (let i = 0; i < 300; i++)
        r.tasks.create({ prompt: `filler ${i}`, agent: 'shell', cwd: dir, title: 'x'.repeat(70) }, i);
      return r.tasks.create({ prompt: 'counter', agent: 'shell', cwd: dir }, 1000).id;
    });
    const readers = Array.from({ length: 2 }, () => startClient(['read', dir, taskId, 300]));
    const writers = Array.from({ length: 2 }, () => startClient(['increment', dir, taskId, 150]));
    await Promise.all(writers.map((w) => w.exited));
    for (const reader of readers) {
      const line = await reader.waitFor(/^result /, 30_000);
      const result = JSON.parse(line.text.slice('result '.length));
      assert.deepEqual(result.anomalies, []);
      assert.equal(result.last, 300);
      assert.ok(result.reads > 50 && result.snapshots > 50, JSON.stringify(result));
    }
  });

  it("sees a change made by process A in process B's onDidChange", async () => {
    const watcher = startClient(['watch', dir]);
    await watcher.waitFor(/^ready$/);
    for (let i = 1; i <= 5; i++) {
      await store.write((r) => r.tasks.create({ prompt: `change ${i}`, agent: 'shell', cwd: dir }, i));
      const version = readDiskVersion(store.paths.db);
      const line = await watcher.waitFor(new RegExp(`^event .*"version":${version}\\b`), 3000);
      const event = JSON.parse(line.text.slice('event '.length));
      assert.equal(event.external, true);
    }
  });

  it('gives each task to exactly one of 4 claiming processes', async () => {
    await store.write((r) => {
      for (let i = 0; i < 60; i++) r.tasks.create({ prompt: `task ${i}`, agent: 'shell', cwd: dir }, i);
    });
    const claimers = Array.from({ length: 4 }, (_, i) => startClient(['claim', dir, `engine-${i}`]));
    await Promise.all(claimers.map((c) => c.exited));
    const claimed = claimers.flatMap((c) =>
      c.lines.filter((l) => l.text.startsWith('claimed ')).map((l) => l.text.slice(8)),
    );
    assert.equal(claimed.length, 60);
    assert.equal(new Set(claimed).size, 60, 'no task claimed twice');
    assert.equal(
      store.read((r) => r.workers.countRunning()),
      60,
    );
    assert.equal(
      store.read((r) => r.tasks.counts().running),
      60,
    );
  });
});
