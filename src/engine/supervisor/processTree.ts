/**
 * Signalling a whole agent process tree. Every agent is spawned as the leader of its own process
 * group (`detached: true`), so on POSIX one kill(-pgid) reaches every descendant that did not
 * deliberately leave the group — unlike `child.kill()`, which let grandchildren survive in the
 * original system (weakness #3) and does not stop Gemini's relaunching wrapper at all.
 * Windows has no process groups; `taskkill /T` walks the tree by parent PID instead.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type KillSignal = 'SIGTERM' | 'SIGKILL';

/**
 * Sends `signal` to the process group led by `pgid`. Returns false when the group no longer
 * exists (ESRCH) or is not ours (EPERM). On Windows both signals force-kill the tree.
 */
export function killProcessGroup(pgid: number, signal: KillSignal): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  if (process.platform === 'win32') {
    const run = spawnSync('taskkill', ['/PID', String(pgid), '/T', '/F'], {
      windowsHide: true,
      timeout: 10_000,
    });
    return run.status === 0;
  }
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * True while any process is left in the group. Exited but unreaped members (zombies) count, so
 * this says "someone may still be there", never "certainly running".
 */
export function processGroupExists(pgid: number): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1 || process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a group that exists still has a member that runs. Exited members the kernel keeps
 * until their parent reaps them (zombies) do not: Codex leaves `git <defunct>` in its group for
 * about a second (docs/agents.md, Codex, Environment and processes), and they are no process
 * "left behind". Where /proc cannot tell, every member counts as running.
 */
export function groupHasRunningMembers(pgid: number): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return processGroupExists(pgid);
  }
  return pids.some((pid) => {
    const stat = procStat(pid);
    return stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z';
  });
}

/** State and process group from /proc/<pid>/stat; the name in parentheses may hold anything. */
function procStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone in between
  }
  // After "pid (comm) ": state ppid pgrp …
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
}
