/**
 * Retention (architecture.md §7, §11.8): finished tasks older than `retentionDays`, or beyond the newest
 * `maxHistory` finished ones, are deleted together with every `output/<taskId>.*` file, so neither
 * state.db nor the output folder grows without bound. Rows go first, files after the commit: a
 * crash in between leaves orphan files (swept later), never a task whose files are gone.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { removeIfExists } from './os/atomicFile';
import { isAlive } from './os/processInfo';
import type { RetentionPolicy } from './repositories/history';
import type { StateStore } from './stateStore';

export type { RetentionPolicy } from './repositories/history';

export const DEFAULT_RETENTION: RetentionPolicy = { retentionDays: 30, maxHistory: 5000 };

// An orphan prompt file this young may belong to a create that has not committed yet.
const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

export interface PruneResult {
  tasks: number;
  files: number;
}

/** Applies `policy`; writes only when something expired. */
export async function applyRetention(
  store: StateStore,
  policy: RetentionPolicy,
  now: number,
): Promise<PruneResult> {
  const expired = store.read((r) => r.history.expired(policy, now));
  const ids = expired.length
    ? await store.write((r) => {
        const ids = r.history.expired(policy, now);
        r.history.delete(ids);
        return ids;
      })
    : [];
  const { outputDir } = store.paths;
  let files = deleteTaskFiles(outputDir, ids);
  const known = new Set(store.read((r) => r.tasks.list().map((t) => t.id)));
  files += deleteOrphanFiles(outputDir, known, now, ORPHAN_MIN_AGE_MS);
  files += deleteDeadTempFiles(outputDir);
  return { tasks: ids.length, files };
}

/** Every `output/<id>.*` file of the given tasks; returns how many were removed. */
export function deleteTaskFiles(outputDir: string, ids: readonly string[]): number {
  const doomed = new Set(ids);
  let removed = 0;
  for (const name of listDir(outputDir)) {
    if (doomed.has(taskIdOf(name))) {
      removeIfExists(path.join(outputDir, name));
      removed++;
    }
  }
  return removed;
}

/**
 * Files of tasks the database does not know, older than `minAgeMs`: left by a create that never
 * committed, or a crash between a delete and its files. The age bound protects a task being
 * created right now, whose prompt file is written before its row is committed.
 */
export function deleteOrphanFiles(
  outputDir: string,
  known: ReadonlySet<string>,
  now: number,
  minAgeMs: number,
): number {
  let removed = 0;
  for (const name of listDir(outputDir)) {
    if (known.has(taskIdOf(name))) continue;
    const file = path.join(outputDir, name);
    try {
      if (now - statSync(file).mtimeMs < minAgeMs) continue;
      removeIfExists(file);
      removed++;
    } catch {
      // Gone meanwhile, or a folder someone put here: not ours to judge.
    }
  }
  return removed;
}

/** Temp files (`*.<pid>.tmp`) whose writer died mid-save. */
export function deleteDeadTempFiles(dir: string): number {
  let removed = 0;
  for (const name of listDir(dir)) {
    const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) {
      removeIfExists(path.join(dir, name));
      removed++;
    }
  }
  return removed;
}

function taskIdOf(fileName: string): string {
  const dot = fileName.indexOf('.');
  return dot === -1 ? fileName : fileName.slice(0, dot);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
