import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  describeHolder,
  type LockRead,
  readLock,
  type StalePolicy,
  staleReason,
} from '../../../../src/store/lock/lockInfo';
import { cleanTempDirs, tempDir } from '../harness';

const NOW = 1_700_000_000_000;
const info = { pid: 4242, processStart: 'b:100', host: 'here', token: 't1', acquiredAt: NOW - 500 };
const held = (over: Partial<typeof info> = {}, mtimeMs = NOW - 500): LockRead => ({
  kind: 'held',
  info: { ...info, ...over },
  raw: JSON.stringify({ ...info, ...over }),
  mtimeMs,
});
const policy = (over: Partial<StalePolicy> = {}): StalePolicy => ({
  host: 'here',
  now: NOW,
  isAlive: () => true,
  otherHostStaleMs: 60_000,
  garbageGraceMs: 2000,
  ...over,
});

describe('store/lock/lockInfo', () => {
  afterEach(cleanTempDirs);

  it('reads a missing, a valid and a garbage lock file', () => {
    const file = path.join(tempDir(), 'state.lock');
    assert.deepEqual(readLock(file), { kind: 'none' });
    writeFileSync(file, JSON.stringify(info));
    const read = readLock(file);
    assert.equal(read.kind, 'held');
    assert.deepEqual(read.kind === 'held' && read.info, info);
    for (const garbage of ['', '{"pid":', 'null', '{"pid":"x"}', '\u0000\u0001binary']) {
      writeFileSync(file, garbage);
      assert.equal(readLock(file).kind, 'garbage', JSON.stringify(garbage));
    }
  });

  it('never judges a live holder on this host stale, however long it holds (SIGSTOP, debugger)', () => {
    assert.equal(staleReason(held({ acquiredAt: NOW - 86_400_000 }, NOW - 86_400_000), policy()), undefined);
  });

  it('judges a dead holder on this host stale at once', () => {
    const reason = staleReason(held(), policy({ isAlive: () => false }));
    assert.match(reason ?? '', /pid 4242 is no longer running/);
  });

  it('checks the PID together with its start time (PID reuse)', () => {
    const seen: [number, string | null][] = [];
    const isAlive = (pid: number, start: string | null) => {
      seen.push([pid, start]);
      return true;
    };
    staleReason(held(), policy({ isAlive }));
    assert.deepEqual(seen, [[4242, 'b:100']]);
  });

  it('judges another host only by how long the lock went untouched', () => {
    const other = (age: number) => held({ host: 'elsewhere', acquiredAt: NOW - age }, NOW - age);
    const deadHere = policy({ isAlive: () => false });
    assert.equal(staleReason(other(30_000), deadHere), undefined, 'PIDs of another host mean nothing here');
    assert.match(staleReason(other(61_000), deadHere) ?? '', /host "elsewhere" silent for 61\.0 s/);
  });

  it('gives garbage a grace period (a holder between create and write) and then breaks it', () => {
    const garbage = (age: number): LockRead => ({ kind: 'garbage', raw: '', mtimeMs: NOW - age });
    assert.equal(staleReason(garbage(100), policy()), undefined);
    assert.match(staleReason(garbage(2500), policy()) ?? '', /unreadable lock file/);
  });

  it('names the holder in words', () => {
    const text = describeHolder(held(), NOW);
    assert.match(text, /pid 4242 on host "here" since .* \(0\.5 s ago\)/);
    assert.match(
      describeHolder({ kind: 'garbage', raw: 'zz', mtimeMs: NOW - 1000 }, NOW),
      /unreadable .*1\.0 s ago/,
    );
  });
});
