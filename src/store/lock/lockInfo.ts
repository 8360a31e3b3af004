/**
 * What a lock file says and whether its holder is provably gone (architecture.md §4). A lock is stale only
 * with proof: on this host the PID is dead or now belongs to a process that started at another
 * time; on another host (a shared network folder) nothing has touched the lock for a long bound.
 * A live holder that is merely slow or stopped (SIGSTOP, debugger) is never judged stale, because
 * breaking a live holder's lock loses its update.
 */
import { readFileSync, statSync } from 'node:fs';
import * as z from 'zod';

export const lockInfoSchema = z.object({
  pid: z.number().int().positive(),
  processStart: z.string().nullable(),
  host: z.string(),
  token: z.string().min(1),
  acquiredAt: z.number(),
});
export type LockInfo = z.infer<typeof lockInfoSchema>;

export type LockRead =
  | { kind: 'none' }
  | { kind: 'held'; info: LockInfo; raw: string; mtimeMs: number }
  /** Unparsable content: a holder between create and write, or a damaged file. */
  | { kind: 'garbage'; raw: string; mtimeMs: number };

export function readLock(file: string): LockRead {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = readFileSync(file, 'utf8');
    mtimeMs = statSync(file).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { kind: 'held', info: parsed.data, raw, mtimeMs };
  } catch {
    // Not JSON: fall through to garbage.
  }
  return { kind: 'garbage', raw, mtimeMs };
}

export interface StalePolicy {
  host: string;
  now: number;
  isAlive: (pid: number, start: string | null) => boolean;
  /** Another host's lock untouched this long is abandoned. Holds last milliseconds; default 60 s. */
  otherHostStaleMs: number;
  /**
   * Unreadable content this old is abandoned. A holder writes its content microseconds after
   * creating the file, so only a crash between the two (or damage) leaves garbage for long.
   */
  garbageGraceMs: number;
}

/** Why the lock may be broken, or undefined while its holder may still be alive. */
export function staleReason(lock: LockRead, policy: StalePolicy): string | undefined {
  if (lock.kind === 'none') return undefined;
  const age = policy.now - lock.mtimeMs;
  if (lock.kind === 'garbage') {
    return age > policy.garbageGraceMs ? `unreadable lock file, ${seconds(age)} old` : undefined;
  }
  const { info } = lock;
  if (info.host !== policy.host) {
    const touched = Math.max(info.acquiredAt, lock.mtimeMs);
    return policy.now - touched > policy.otherHostStaleMs
      ? `holder on host "${info.host}" silent for ${seconds(policy.now - touched)}`
      : undefined;
  }
  if (!policy.isAlive(info.pid, info.processStart)) {
    return `holder pid ${info.pid} is no longer running`;
  }
  return undefined;
}

/** One line naming the holder, for timeouts and logs. */
export function describeHolder(lock: LockRead, now: number): string {
  if (lock.kind === 'none') return 'no holder';
  if (lock.kind === 'garbage') {
    return `an unreadable lock file written ${seconds(now - lock.mtimeMs)} ago (${JSON.stringify(lock.raw.slice(0, 40))})`;
  }
  const { info } = lock;
  const since = new Date(info.acquiredAt).toISOString();
  return `pid ${info.pid} on host "${info.host}" since ${since} (${seconds(now - info.acquiredAt)} ago)`;
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
