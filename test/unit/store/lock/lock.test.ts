import assert from 'node:assert/strict';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import { acquireLock, breakStaleLock, tryAcquireLock } from '../../../../src/store/lock/lock';
import { readLock } from '../../../../src/store/lock/lockInfo';
import { processStartTime } from '../../../../src/store/os/processInfo';
import { cleanTempDirs, tempDir } from '../harness';

const lockIn = (dir: string) => path.join(dir, 'state.lock');
const DEAD_PID = 2 ** 22 + 4321;

function writeHolder(file: string, over: Record<string, unknown> = {}): void {
  const holder = {
    pid: process.pid,
    processStart: processStartTime(process.pid),
    host: hostname(),
    token: 'theirs',
  };
  writeFileSync(file, JSON.stringify({ ...holder, acquiredAt: Date.now(), ...over }));
}

function ageFile(file: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  utimesSync(file, when, when);
}

describe('store/lock/lock', () => {
  afterEach(cleanTempDirs);

  it('creates the lock with pid, process start, host, token and time, and releases it', async () => {
    const file = lockIn(tempDir());
    const lock = await acquireLock({ path: file });
    const content = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(content.pid, process.pid);
    assert.equal(content.processStart, processStartTime(process.pid));
    assert.equal(content.host, hostname());
    assert.equal(content.token, lock.token);
    assert.equal(typeof content.acquiredAt, 'number');
    assert.ok(lock.isHeld());
    assert.equal(lock.release(), true);
    assert.ok(!existsSync(file));
  });

  it('admits one holder at a time (O_EXCL)', async () => {
    const file = lockIn(tempDir());
    const first = tryAcquireLock({ path: file });
    assert.ok(first);
    assert.equal(tryAcquireLock({ path: file }), undefined);
    first.release();
    assert.ok(tryAcquireLock({ path: file }));
  });

  it('waits for a live holder and gets the lock once it is released', async () => {
    const file = lockIn(tempDir());
    const first = await acquireLock({ path: file });
    setTimeout(() => first.release(), 60);
    const started = Date.now();
    const second = await acquireLock({ path: file, timeoutMs: 2000 });
    assert.ok(Date.now() - started >= 50);
    assert.ok(second.isHeld());
  });

  it('is released only by its owner', async () => {
    const file = lockIn(tempDir());
    const mine = await acquireLock({ path: file });
    writeHolder(file, { token: 'someone-else' });
    assert.equal(mine.isHeld(), false);
    assert.equal(mine.release(), false);
    assert.equal(readLock(file).kind, 'held', "the other holder's lock stays");
  });

  it('takes over the lock of a dead holder at once, and says why', async () => {
    const file = lockIn(tempDir());
    writeHolder(file, { pid: DEAD_PID });
    const reasons: string[] = [];
    // No time to wait at all: only a lock taken on the first look passes.
    const lock = await acquireLock({ path: file, timeoutMs: 0, onBreak: (r) => reasons.push(r) });
    assert.ok(lock.isHeld());
    assert.match(reasons[0] ?? '', new RegExp(`pid ${DEAD_PID} is no longer running`));
  });

  it('takes over a lock whose PID was reused by another process', async () => {
    const file = lockIn(tempDir());
    writeHolder(file, { processStart: 'started-at-another-time' });
    const lock = await acquireLock({ path: file, timeoutMs: 1000 });
    assert.ok(lock.isHeld());
  });

  it('gives a garbage lock file a grace period, then takes it over', async () => {
    const file = lockIn(tempDir());
    writeFileSync(file, '{"pid": 12');
    await assert.rejects(acquireLock({ path: file, timeoutMs: 100 }), (err) =>
      isDispatchError(err, 'lock-timeout'),
    );
    ageFile(file, 5000);
    const lock = await acquireLock({ path: file, timeoutMs: 1000 });
    assert.ok(lock.isHeld());
  });

  it('takes over another host only after its long silence', async () => {
    const file = lockIn(tempDir());
    writeHolder(file, { host: 'other-host', pid: DEAD_PID, acquiredAt: Date.now() - 120_000 });
    await assert.rejects(acquireLock({ path: file, timeoutMs: 100 }), (err) =>
      isDispatchError(err, 'lock-timeout'),
    );
    ageFile(file, 120_000);
    const lock = await acquireLock({ path: file, timeoutMs: 1000 });
    assert.ok(lock.isHeld());
  });

  it('gives up after the bound with an error naming the lock file and the holder', async () => {
    const file = lockIn(tempDir());
    writeHolder(file);
    const started = Date.now();
    await assert.rejects(acquireLock({ path: file, timeoutMs: 150 }), (err) => {
      assert.ok(isDispatchError(err, 'lock-timeout'));
      assert.match(err.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(err.message, new RegExp(`pid ${process.pid} on host "${hostname()}"`));
      return true;
    });
    const waited = Date.now() - started;
    assert.ok(waited >= 150, `gave up after ${waited} ms, before the bound`);
  });

  it('breaks a stale lock only if it is still the same lock', () => {
    const file = lockIn(tempDir());
    writeHolder(file, { pid: DEAD_PID });
    const judged = readLock(file);
    assert.notEqual(judged.kind, 'none');
    if (judged.kind === 'none') return;
    writeHolder(file, { token: 'a-fresh-holder' });
    assert.equal(breakStaleLock(file, judged), false);
    assert.equal(
      readLock(file).kind === 'held' && (readLock(file) as { info: { token: string } }).info.token,
      'a-fresh-holder',
    );
  });

  it("does not break while another breaker holds the guard, and clears a dead breaker's guard", () => {
    const file = lockIn(tempDir());
    writeHolder(file, { pid: DEAD_PID });
    const judged = readLock(file);
    if (judged.kind === 'none') throw new Error('no lock');
    writeFileSync(`${file}.break`, '');
    assert.equal(breakStaleLock(file, judged), false);
    assert.ok(existsSync(file));
    ageFile(`${file}.break`, 5000);
    assert.equal(breakStaleLock(file, judged), false, 'the old guard is removed first');
    assert.ok(!existsSync(`${file}.break`));
    assert.equal(breakStaleLock(file, judged), true);
    assert.ok(!existsSync(file));
  });

  it('reports a lock it cannot create (folder missing) as an io error with the path', async () => {
    const file = path.join(tempDir(), 'missing', 'state.lock');
    await assert.rejects(
      acquireLock({ path: file }),
      (err) => isDispatchError(err, 'io') && err.message.includes(file),
    );
  });
});
