/**
 * Is that engine (a window, a `dispatch worker`) or that supervisor still alive?
 * Same host: the PID must exist (EPERM counts as alive) with the same process start time, so a
 * reused PID is never mistaken for the original. Other host: only a recent heartbeat counts.
 */
import os from 'node:os';
import type { EngineRecord } from '../../core/task';
import { isAlive } from '../../store';

/** An engine from another host whose heartbeat is older than this is presumed dead. */
export const REMOTE_ENGINE_STALE_MS = 60_000;

export const thisHost = os.hostname();

export function isEngineAlive(engine: EngineRecord | undefined, now: number): boolean {
  if (!engine) return false;
  if (engine.host === thisHost) return isAlive(engine.pid, engine.processStart);
  return now - engine.heartbeatAt < REMOTE_ENGINE_STALE_MS;
}

export function isLocalProcessAlive(
  host: string,
  pid: number | null,
  start: string | null,
): boolean | undefined {
  if (host !== thisHost || pid === null) return undefined;
  return isAlive(pid, start);
}
