/**
 * The database as this process holds it: the in-memory sql.js copy and the on-disk version it
 * matches. Reads reload only when the 4-byte version on disk moved; a write applies its change,
 * bumps the version and replaces the file atomically (architecture.md §4 steps 2-4; the lock is the
 * caller's, see stateStore.ts).
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import { DispatchError } from '../../core/errors';
import { ioError, replaceFileAtomically } from '../os/atomicFile';
import type { StatePaths } from '../stateDir';
import { getUserVersion, nextVersion, openDatabaseBytes, readDiskVersion, setUserVersion } from './database';
import { LATEST_SCHEMA, migrate, schemaVersion } from './migrations';

export interface StateFileDeps {
  SQL: SqlJsStatic;
  paths: StatePaths;
  now: () => number;
  warn: (message: string) => void;
}

/** Another writer replaced state.db while we held the lock (our lock was broken): redo. */
export class WriterSlippedIn extends Error {}

export type RefreshResult = 'unchanged' | 'reloaded' | { corrupt: string };

export class StateFile {
  private current: Database | undefined;
  /** The on-disk version the memory copy matches; null when there is no file. */
  private version: number | null = null;
  /** False while memory may differ from disk (never loaded, or a save failed). */
  private inSync = false;
  private deepChecked = false;
  private schema = 0;
  private migratedInMemory = false;

  constructor(private readonly deps: StateFileDeps) {}

  get db(): Database {
    if (!this.current) throw new Error('StateFile: refresh() before use');
    return this.current;
  }

  /** The schema of the loaded file is newer than this code: read it, never write it. */
  get tooNew(): boolean {
    return this.schema > LATEST_SCHEMA;
  }

  get schemaVersion(): number {
    return this.schema;
  }

  /** Memory holds migrations (or a new database) that the file does not have yet. */
  get unsaved(): boolean {
    return this.migratedInMemory;
  }

  /**
   * Reload if the file changed. Never writes: a missing file gives an empty database in memory;
   * a damaged one leaves memory as it was and is reported for the next write to repair.
   */
  refresh(): RefreshResult {
    const { paths, SQL } = this.deps;
    let disk: number | null;
    let bytes: Uint8Array | null;
    try {
      disk = readDiskVersion(paths.db);
      if (this.inSync && this.current && disk === this.version) return 'unchanged';
      bytes = disk === null ? null : readIfExists(paths.db);
    } catch (err) {
      throw ioError(`read ${paths.db}`, paths.db, err);
    }
    if (bytes === null) {
      this.install(new SQL.Database(), null);
      return 'reloaded';
    }
    const opened = openDatabaseBytes(SQL, bytes, !this.deepChecked);
    let problem = 'problem' in opened ? opened.problem : undefined;
    if ('db' in opened) {
      try {
        this.install(opened.db, getUserVersion(opened.db));
        this.deepChecked = true;
        return 'reloaded';
      } catch (err) {
        opened.db.close();
        problem = `it cannot be brought to the current schema (${(err as Error).message})`;
      }
    }
    if (!this.current) this.install(new SQL.Database(), null, false);
    return { corrupt: problem ?? 'unknown problem' };
  }

  /** Under the lock: refresh, moving a damaged file aside and starting a new one. */
  refreshForWrite(): Database {
    const result = this.refresh();
    if (typeof result === 'object') {
      this.moveAside(result.corrupt);
      this.install(new this.deps.SQL.Database(), null);
    }
    if (this.tooNew) throw this.tooNewError();
    return this.db;
  }

  /**
   * Applies `change` in one SQL transaction, bumps the version and saves. If `change` throws,
   * nothing changes anywhere. If the save fails, memory is marked out of sync so the next access
   * reloads the untouched file.
   */
  commit<T>(change: (db: Database) => T, stillLocked: () => boolean): { result: T; version: number } {
    const db = this.db;
    const loaded = this.version;
    const next = nextVersion(loaded);
    db.run('BEGIN');
    let result: T;
    try {
      result = change(db);
      setUserVersion(db, next);
      db.run('COMMIT');
    } catch (err) {
      rollback(db);
      throw err;
    }
    this.inSync = false;
    const { paths } = this.deps;
    replaceFileAtomically(paths.db, `${paths.db}.${process.pid}.tmp`, db.export(), () => {
      // The lock makes this always true; if our lock was broken, refuse to overwrite the newcomer.
      if (!Object.is(readDiskVersion(paths.db), loaded) || !stillLocked()) {
        throw new WriterSlippedIn(`another process wrote ${paths.db} while this one held the lock`);
      }
    });
    this.version = next;
    this.inSync = true;
    this.migratedInMemory = false;
    return { result, version: next };
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
    this.inSync = false;
  }

  private install(db: Database, version: number | null, inSync = true): void {
    const schema = schemaVersion(db);
    if (version === null && schema === 0) {
      // Only possible before the first table exists; lets retention shrink the file later.
      db.run('PRAGMA auto_vacuum = INCREMENTAL');
    }
    // Migrations run in memory here and reach disk with the next write, which holds the lock.
    const applied = schema < LATEST_SCHEMA ? migrate(db, this.deps.now()) : [];
    this.current?.close();
    this.migratedInMemory = applied.length > 0;
    this.current = db;
    this.schema = schemaVersion(db);
    this.version = version;
    this.inSync = inSync;
  }

  private moveAside(problem: string): void {
    const { paths, now, warn } = this.deps;
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    let target = `${paths.db}.corrupt-${stamp}`;
    for (let n = 2; existsSync(target); n++) target = `${paths.db}.corrupt-${stamp}-${n}`;
    try {
      renameSync(paths.db, target);
    } catch (err) {
      throw new DispatchError(
        'state-corrupt',
        `${paths.db} is damaged (${problem}) and could not be moved aside to ${target}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    warn(
      `${paths.db} was not a valid database (${problem}). It was moved aside to ${target} (nothing was ` +
        'deleted) and a new, empty state was started.',
    );
  }

  tooNewError(): DispatchError {
    return new DispatchError(
      'state-too-new',
      `${this.deps.paths.db} was written by a newer version of Agent Dispatch (schema ${this.schema}; this ` +
        `version knows up to ${LATEST_SCHEMA}). Update Agent Dispatch in every window and the dispatch CLI; ` +
        'until then this one only reads the state and changes nothing.',
    );
  }
}

function readIfExists(file: string): Uint8Array | null {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function rollback(db: Database): void {
  try {
    db.run('ROLLBACK');
  } catch {
    // SQLite already rolled back (some errors end the transaction themselves).
  }
}
