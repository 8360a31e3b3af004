/**
 * The cross-process write lock: `state.lock` created with O_EXCL (architecture.md §4). Measured on this
 * design: 371 ops/s across 4 processes with no lost update, and ~23 ms to recover from a holder
 * killed with SIGKILL; `proper-lockfile` was 3× slower, took seconds to recover, and broke live
 * holders that paused past its time bound.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { DispatchError } from '../../core/errors';
import { removeIfExists } from '../os/atomicFile';
import { hostName, isAlive, processStartTime } from '../os/processInfo';
import { describeHolder, type LockInfo, type LockRead, readLock, staleReason } from './lockInfo';

export interface LockOptions {
  path: string;
  /** Give up after this long with a 'lock-timeout' error naming the holder. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
  host?: string;
  isAlive?: (pid: number, start: string | null) => boolean;
  otherHostStaleMs?: number;
  garbageGraceMs?: number;
  /** Told when a stale lock is broken, with the reason. */
  onBreak?: (reason: string) => void;
}

export interface LockHandle {
  readonly token: string;
  /** True while the lock file still carries this handle's token. */
  isHeld(): boolean;
  /** Removes the lock if it is still ours; returns false if someone else's lock is there. */
  release(): boolean;
}

// A breaker holds the guard for a few syscalls; an older guard belongs to a dead breaker.
const GUARD_STALE_MS = 2000;
const ownStart = processStartTime(process.pid);

export async function acquireLock(options: LockOptions): Promise<LockHandle> {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    const handle = tryAcquireLock(options);
    if (handle) return handle;
    const current = readLock(options.path);
    if (current.kind === 'none') continue;
    const reason = staleReason(current, {
      host: options.host ?? hostName(),
      now: now(),
      isAlive: options.isAlive ?? isAlive,
      otherHostStaleMs: options.otherHostStaleMs ?? 60_000,
      garbageGraceMs: options.garbageGraceMs ?? 2000,
    });
    if (reason !== undefined && breakStaleLock(options.path, current)) {
      options.onBreak?.(reason);
      continue;
    }
    if (now() >= deadline) throw timeoutError(options, current, now());
    // Jittered backoff, 1-20 ms: short enough to follow a ~5 ms commit, jittered so waiters spread.
    const ceiling = Math.min(20, 2 + attempt * 2);
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * ceiling));
  }
}

/** One attempt: creates the lock file with O_EXCL, or returns undefined if it exists. */
export function tryAcquireLock(options: LockOptions): LockHandle | undefined {
  const info: LockInfo = {
    pid: process.pid,
    processStart: ownStart,
    host: options.host ?? hostName(),
    token: randomBytes(8).toString('hex'),
    acquiredAt: (options.now ?? Date.now)(),
  };
  let fd: number;
  try {
    fd = openSync(options.path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new DispatchError('io', `Cannot create the lock file ${options.path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return handleFor(options.path, info.token);
}

function handleFor(file: string, token: string): LockHandle {
  const held = () => {
    const current = readLock(file);
    return current.kind === 'held' && current.info.token === token;
  };
  return {
    token,
    isHeld: held,
    release() {
      // Only the owner removes the lock: if it was broken and re-taken, the new holder keeps it.
      if (!held()) return false;
      removeIfExists(file);
      return true;
    },
  };
}

/**
 * Removes a stale lock under a guard file, re-checking that the lock is still the very one judged
 * stale: without that, two waiters could both judge it, one could remove it and take a fresh lock,
 * and the other would then remove the fresh one.
 */
export function breakStaleLock(file: string, observed: Exclude<LockRead, { kind: 'none' }>): boolean {
  const guard = `${file}.break`;
  try {
    closeSync(openSync(guard, 'wx'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    removeStaleGuard(guard);
    return false;
  }
  try {
    const current = readLock(file);
    if (current.kind === 'none' || current.raw !== observed.raw || current.mtimeMs !== observed.mtimeMs) {
      return false;
    }
    unlinkSync(file);
    return true;
  } finally {
    removeIfExists(guard);
  }
}

function removeStaleGuard(guard: string): void {
  try {
    if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) removeIfExists(guard);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function timeoutError(options: LockOptions, holder: LockRead, now: number): DispatchError {
  const waited = ((options.timeoutMs ?? 10_000) / 1000).toFixed(1);
  return new DispatchError(
    'lock-timeout',
    `Timed out after ${waited} s waiting for the state lock ${options.path}, held by ` +
      `${describeHolder(holder, now)}. That holder still looks alive; if it is hung, end it ` +
      'and the lock is taken over at once.',
  );
}
