/**
 * The write lock between real processes (architecture.md §4): no lost update under contention, a holder
 * killed with SIGKILL is taken over within a second, and a holder that is merely stopped is
 * waited for, never robbed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDiskVersion } from '../../../src/store/database/database';
import { readLock } from '../../../src/store/lock/lockInfo';
import { openStateStore, type StateStore } from '../../../src/store/stateStore';
import { killClients, startClient } from '../../support/storeClients';

describe('multiprocess: store/lock', function () {
  this.timeout(90_000);
  let dir: string;
  let store: StateStore;
  let taskId: string;
  const counter = () => store.read((r) => r.tasks.get(taskId)!.outputBytes);

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-mp-lock-'));
    store = await openStateStore({ dir });
    taskId = (await store.write((r) => r.tasks.create({ prompt: 'counter', agent: 'shell', cwd: dir }, 1)))
      .id;
  });
  afterEach(async () => {
    await killClients();
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('4 processes × 200 locked read-modify-write increments give exactly 800', async () => {
    const clients = Array.from({ length: 4 }, () => startClient(['increment', dir, taskId, 200]));
    const exits = await Promise.all(clients.map((c) => c.exited));
    assert.deepEqual(
      exits.map((e) => e.code),
      [0, 0, 0, 0],
    );
    for (const client of clients) assert.equal(client.count(/^ok /), 200);
    assert.equal(counter(), 800);
  });

  it('takes over from a holder killed with SIGKILL as soon as its PID is dead, not after a time bound', async () => {
    const holder = startClient(['hang', dir]);
    await holder.waitFor(/^holding$/);
    const lock = readLock(store.paths.lock);
    assert.ok(lock.kind === 'held' && lock.info.pid === holder.pid, 'the hanging client holds the lock');
    const waiters = Array.from({ length: 3 }, () => startClient(['increment', dir, taskId, 50]));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // they are all waiting now
    assert.equal(counter(), 0, 'nobody got past the live holder');
    holder.proc.kill('SIGKILL');
    await Promise.all(waiters.map((w) => w.waitFor(/^ok 1 /)));
    // Why the lock was taken: the dead PID, not the garbage grace or another host's silence
    // (seconds). How fast that is, `npm run bench` measures (storeContention).
    const takeovers = waiters.flatMap((w) => w.lines.filter((l) => /took over a stale lock/.test(l.text)));
    assert.equal(takeovers.length, 1, 'one waiter broke the lock, the others then waited their turn');
    assert.match(takeovers[0]!.text, new RegExp(`holder pid ${holder.pid} is no longer running`));
    await Promise.all(waiters.map((w) => w.exited));
    assert.equal(counter(), 150);
  });

  it('waits out a holder stopped with SIGSTOP past every time bound, and loses no update', async () => {
    const sleeper = startClient(['increment', dir, taskId, 100, 1000, 60_000]);
    await sleeper.waitFor(/^holding$/); // inside its first transaction, lock held, value read
    sleeper.proc.kill('SIGSTOP');
    const others = Array.from({ length: 2 }, () => startClient(['increment', dir, taskId, 100, 0, 60_000]));
    const version = readDiskVersion(store.paths.db);
    // Longer than the garbage grace (2 s) and the breaker guard bound (2 s); on one host a live
    // holder has no time bound at all.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    assert.equal(readDiskVersion(store.paths.db), version, 'no one wrote while the holder was stopped');
    for (const other of others) assert.equal(other.count(/^ok /), 0, 'the others are waiting');
    const lock = readLock(store.paths.lock);
    assert.ok(
      lock.kind === 'held' && lock.info.pid === sleeper.pid,
      'the stopped holder still holds the lock',
    );
    sleeper.proc.kill('SIGCONT');
    const exits = await Promise.all([sleeper, ...others].map((c) => c.exited));
    assert.deepEqual(
      exits.map((e) => e.code),
      [0, 0, 0],
    );
    assert.equal(counter(), 300, "the stopped holder's update and everyone else's");
  });
});
