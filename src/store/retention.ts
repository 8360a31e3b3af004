/**
 * Retention (DESIGN §7, §11.8): finished tasks older than `retentionDays`, or beyond the newest
 * `maxHistory` finished ones, are deleted together with every `output/<taskId>.*` file, so neither
 * state.db (rewritten whole at every commit) nor the output folder grows without bound.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import { TERMINAL_STATES } from '../core/taskState';
import { removeIfExists } from './atomicFile';
import { isAlive } from './processInfo';
import { all, run } from './sql';

export interface RetentionPolicy {
  /** Default 30 (dispatch.retentionDays). */
  retentionDays: number;
  /** Default 5000 (dispatch.maxHistory). */
  maxHistory: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { retentionDays: 30, maxHistory: 5000 };

const DAY_MS = 24 * 60 * 60 * 1000;
const FINISHED = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');

/** The finished tasks the policy expires, oldest first. Read-only. */
export function expiredTaskIds(db: Database, policy: RetentionPolicy, now: number): string[] {
  const cutoff = now - policy.retentionDays * DAY_MS;
  const rows = all(
    db,
    `SELECT id FROM tasks WHERE state IN (${FINISHED}) AND COALESCE(ended_at, created_at) < ?
     UNION
     SELECT id FROM (SELECT id FROM tasks WHERE state IN (${FINISHED})
                     ORDER BY COALESCE(ended_at, created_at) DESC, rowid DESC LIMIT -1 OFFSET ?)`,
    [cutoff, policy.maxHistory],
  );
  return rows.map((r) => String(r.id));
}

/**
 * Inside a write: deletes the rows, then gives the freed pages back so the file shrinks
 * (incremental auto-vacuum is enabled when the database is created).
 */
export function deleteTasks(db: Database, ids: readonly string[]): void {
  // Batches stay under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const marks = batch.map(() => '?').join(', ');
    run(db, `DELETE FROM workers WHERE task_id IN (${marks})`, batch);
    run(db, `DELETE FROM tasks WHERE id IN (${marks})`, batch);
  }
  if (ids.length > 0) db.run('PRAGMA incremental_vacuum');
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
