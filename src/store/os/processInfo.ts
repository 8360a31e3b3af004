/**
 * Is a recorded process still the one that was recorded? A PID alone cannot say: PIDs are reused,
 * so every record keeps the process start time next to it and both must match (architecture.md §4, §7).
 * The lock and the engine's recovery both rest on this module.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The host name recorded in locks and worker rows; PIDs are compared only on the same host. */
export function hostName(): string {
  return os.hostname();
}

let bootId: string | undefined;

/** Linux: distinguishes boots, so a start time from before a reboot never matches by chance. */
function linuxBootId(): string {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    } catch {
      bootId = '';
    }
  }
  return bootId;
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and ')'. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

// ps costs a few milliseconds per call; lock waiters ask about the same holder many times.
const psCache = new Map<number, { value: string | null; at: number }>();
const PS_CACHE_MS = 1000;

function psStartTime(pid: number): string | null {
  const cached = psCache.get(pid);
  if (cached && Date.now() - cached.at < PS_CACHE_MS) return cached.value;
  const run = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  const text = run.status === 0 ? run.stdout.trim() : '';
  const value = text === '' ? null : `ps:${text}`;
  psCache.set(pid, { value, at: Date.now() });
  return value;
}

/**
 * An opaque token for when `pid` started, compared only for equality; null when the process does
 * not exist or the platform cannot tell (Windows). Linux: field 22 of /proc/<pid>/stat (start time
 * in clock ticks since boot) prefixed by the boot id; macOS and other Unixes: `ps -o lstart=`.
 */
export function processStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') {
    const fields = procStat(pid);
    // After the name: state is field 3, starttime field 22, i.e. indexes 0 and 19 here.
    return fields?.[19] ? `${linuxBootId()}:${fields[19]}` : null;
  }
  if (process.platform === 'win32') return null;
  return psStartTime(pid);
}

/**
 * True while `pid` runs and, when `expectedStart` is known, is still the process that was
 * recorded (not a later one given the same PID). EPERM from kill(pid, 0) means the process exists
 * but belongs to another user, so it counts as alive. A Linux zombie (killed, not yet reaped by
 * its parent) counts as dead: it will never release anything.
 */
export function isAlive(pid: number, expectedStart?: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform === 'linux' && procStat(pid)?.[0] === 'Z') return false;
  if (expectedStart == null) return true;
  const actual = processStartTime(pid);
  // Cannot tell (no /proc, no ps): trust the PID rather than break a live holder's lock.
  return actual === null || actual === expectedStart;
}
