/** Shared set-up for the store's unit tests: real temp directories, real sql.js, real files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { NewTask } from '../../../src/core/task';
import { loadSqlJs } from '../../../src/store/database/database';
import { migrate } from '../../../src/store/database/migrations';
import { PromptFiles } from '../../../src/store/promptFiles';
import { createRepositories, type Repositories } from '../../../src/store/repositories';
import { ensureStateDir, type StatePaths } from '../../../src/store/stateDir';

const made: string[] = [];

/** A fresh directory, removed by `cleanTempDirs` (call it in `afterEach`). */
export function tempDir(prefix = 'dispatch-store-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function newTask(overrides: Partial<NewTask> = {}): NewTask {
  return { prompt: 'Fix the failing test in src/app.ts', agent: 'shell', cwd: '/work', ...overrides };
}

export interface RepoHarness {
  db: Database;
  paths: StatePaths;
  prompts: PromptFiles;
  /** Writable repositories over a migrated in-memory database, as inside `store.write`. */
  repos: Repositories;
  /** The same database through read-only repositories, as inside `store.read`. */
  readOnly: Repositories;
  aborts: (() => void)[];
}

export async function repoHarness(): Promise<RepoHarness> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, 1_000);
  const paths = ensureStateDir(tempDir());
  const prompts = new PromptFiles(paths);
  const aborts: (() => void)[] = [];
  const repos = createRepositories({ db, prompts, writable: true, onAbort: (u) => aborts.push(u) });
  const readOnly = createRepositories({ db, prompts, writable: false, onAbort: () => {} });
  return { db, paths, prompts, repos, readOnly, aborts };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` until it holds, failing after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean,
  timeoutMs = 3000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}
