/**
 * The state directory every window and the CLI share (architecture.md §3). Only paths and first-use
 * setup live here, so every other module names files the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DispatchError } from '../core/errors';

export interface StatePaths {
  readonly dir: string;
  /** The sql.js database: metadata only, written by whoever holds the lock. */
  readonly db: string;
  /** The write lock (see lock/lock.ts). */
  readonly lock: string;
  /** Per-task files: `<taskId>.log`, `<taskId>.exit`, `<taskId>.prompt`, … */
  readonly outputDir: string;
  logPath(taskId: string): string;
  exitPath(taskId: string): string;
  /** The task's prompt, kept out of the database so it stays small (see promptFiles.ts). */
  promptPath(taskId: string): string;
}

/** `<workspace>/.vscode/dispatch`, unless a setting, flag or env variable says otherwise. */
export function defaultStateDir(workspaceFolder: string): string {
  return path.join(workspaceFolder, '.vscode', 'dispatch');
}

export function statePaths(dir: string): StatePaths {
  const abs = path.resolve(dir);
  const outputDir = path.join(abs, 'output');
  return {
    dir: abs,
    db: path.join(abs, 'state.db'),
    lock: path.join(abs, 'state.lock'),
    outputDir,
    logPath: (id) => path.join(outputDir, `${id}.log`),
    exitPath: (id) => path.join(outputDir, `${id}.exit`),
    promptPath: (id) => path.join(outputDir, `${id}.prompt`),
  };
}

/**
 * Creates the directory, its `output/` folder and a `.gitignore` holding `*` (so the state is
 * never committed). Idempotent; an existing `.gitignore` is left as the user made it.
 */
export function ensureStateDir(dir: string): StatePaths {
  const paths = statePaths(dir);
  try {
    mkdirSync(paths.outputDir, { recursive: true });
    try {
      writeFileSync(path.join(paths.dir, '.gitignore'), '*\n', { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } catch (err) {
    throw new DispatchError(
      'io',
      `Cannot create the state directory ${paths.dir}: ${(err as Error).message}. ` +
        'Check the permissions or choose another folder with dispatch.stateDirectory.',
      { cause: err },
    );
  }
  return paths;
}
