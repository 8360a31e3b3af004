/**
 * The shared state, as every engine (window, CLI, test process) sees it: `read` queries the
 * in-memory copy after reloading it if another process changed the file; `write` runs one change
 * under the cross-process lock (architecture.md §4); `onDidChange` fires for every committed change, from
 * this process or another.
 */
import type { SqlJsStatic } from 'sql.js';
import { DispatchError } from '../core/errors';
import { loadSqlJs, readDiskVersion } from './database/database';
import { StateFile, WriterSlippedIn } from './database/stateFile';
import { type Disposable, type StateChangeEvent, StoreEvents } from './events/storeEvents';
import { acquireLock } from './lock/lock';
import { PromptFiles } from './promptFiles';
import { createRepositories, type Repositories } from './repositories';
import {
  applyRetention,
  DEFAULT_RETENTION,
  deleteDeadTempFiles,
  type PruneResult,
  type RetentionPolicy,
} from './retention';
import { ensureStateDir, type StatePaths } from './stateDir';

export interface StateStoreOptions {
  /** The state directory; created (with a `.gitignore`) if missing. */
  dir: string;
  now?: () => number;
  /** How long a write waits for the lock before a 'lock-timeout' error. Default 10 s. */
  lockTimeoutMs?: number;
  /** Diagnostics (lock breaks, watcher fallbacks, warnings). */
  log?: (message: string) => void;
  /** Change-check coalescing window. Default 10 ms. */
  debounceMs?: number;
  /** Safety-net version poll. Default 1500 ms. */
  pollMs?: number;
}

/**
 * What views and commands are given: the state to read and its change events, never writes
 * (those go through the engine, which validates them). Repositories reject writes in a read.
 */
export interface StateReader {
  readonly dir: string;
  readonly paths: StatePaths;
  read<T>(query: (repos: Repositories) => T): T;
  onDidChange(listener: (event: StateChangeEvent) => void): Disposable;
}

/** A read-only view of `store`: a new object, so it cannot be cast back to the store. */
export function readerOf(store: StateStore): StateReader {
  return {
    dir: store.dir,
    paths: store.paths,
    read: (query) => store.read(query),
    onDidChange: (listener) => store.onDidChange(listener),
  };
}

export interface StateStore {
  readonly dir: string;
  readonly paths: StatePaths;
  /** Problems found and handled (e.g. a damaged state.db moved aside), for the user to see. */
  readonly warnings: readonly string[];
  /** Runs `query` on the current state. Synchronous; takes no lock; must not change anything. */
  read<T>(query: (repos: Repositories) => T): T;
  /**
   * Runs `change` under the lock on the freshest state and saves it. `change` runs synchronously
   * and may run more than once (only if another writer broke our lock); if it throws, nothing is
   * saved and the error is passed on.
   */
  write<T>(change: (repos: Repositories) => T): Promise<T>;
  /**
   * Fires (coalesced, ~10 ms) after every commit by any process. Never keeps the process alive on
   * its own: its directory watch and timers are unref'd.
   */
  onDidChange(listener: (event: StateChangeEvent) => void): Disposable;
  /** Applies retention; writes only when something expired. */
  prune(policy?: RetentionPolicy): Promise<PruneResult>;
  dispose(): void;
}

const SLIP_ATTEMPTS = 3;

export type { PruneResult } from './retention';

export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  const paths = ensureStateDir(options.dir);
  const SQL = await loadSqlJs();
  const store = new SharedStateStore({ paths, options, SQL });
  await store.open();
  return store;
}

class SharedStateStore implements StateStore {
  readonly warnings: string[] = [];
  private readonly file: StateFile;
  private readonly prompts: PromptFiles;
  private readonly events: StoreEvents;
  private readonly now: () => number;
  private readonly options: StateStoreOptions;
  readonly paths: StatePaths;
  private queue: Promise<unknown> = Promise.resolve();
  private inTransaction = false;
  private disposed = false;
  private repairing = false;

  constructor({ paths, options, SQL }: { paths: StatePaths; options: StateStoreOptions; SQL: SqlJsStatic }) {
    this.paths = paths;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.file = new StateFile({ SQL, paths, now: this.now, warn: (m) => this.warn(m) });
    this.prompts = new PromptFiles(paths);
    const log = (m: string) => this.log(m);
    this.events = new StoreEvents(
      {
        file: paths.db,
        readVersion: () => readDiskVersion(paths.db),
        debounceMs: options.debounceMs,
        pollMs: options.pollMs,
        log,
      },
      log,
    );
  }

  get dir(): string {
    return this.paths.dir;
  }

  /** First load; a missing, damaged or older file is created, repaired or migrated on disk now. */
  async open(): Promise<void> {
    deleteDeadTempFiles(this.paths.dir);
    const result = this.file.refresh();
    if (this.file.tooNew) this.warn(this.file.tooNewError().message);
    else if (typeof result === 'object' || this.file.unsaved) await this.write(() => undefined);
  }

  read<T>(query: (repos: Repositories) => T): T {
    this.assertOpen();
    // Inside a write the memory copy is the transaction's: reloading it would lose the change.
    if (!this.inTransaction) this.refreshForRead();
    return query(
      createRepositories({ db: this.file.db, prompts: this.prompts, writable: false, onAbort: () => {} }),
    );
  }

  write<T>(change: (repos: Repositories) => T): Promise<T> {
    const run = this.queue.then(() => this.writeLocked(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  onDidChange(listener: (event: StateChangeEvent) => void): Disposable {
    return this.events.listen(listener);
  }

  prune(policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PruneResult> {
    return applyRetention(this, policy, this.now());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.events.dispose();
    this.file.close();
  }

  private async writeLocked<T>(change: (repos: Repositories) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.assertOpen();
      const lock = await acquireLock({
        path: this.paths.lock,
        timeoutMs: this.options.lockTimeoutMs,
        now: this.now,
        onBreak: (reason) => this.log(`took over a stale lock on ${this.paths.lock}: ${reason}`),
      });
      const aborts: (() => void)[] = [];
      try {
        this.assertOpen();
        this.file.refreshForWrite();
        this.inTransaction = true;
        const { result, version } = this.file.commit(
          (db) =>
            change(
              createRepositories({
                db,
                prompts: this.prompts,
                writable: true,
                onAbort: (u) => aborts.push(u),
              }),
            ),
          () => lock.isHeld(),
        );
        this.events.committed(version);
        return result;
      } catch (err) {
        for (const undo of aborts.reverse()) runQuietly(undo);
        if (!(err instanceof WriterSlippedIn)) throw err;
        this.log(`${err.message}; retrying (attempt ${attempt})`);
        if (attempt >= SLIP_ATTEMPTS) {
          throw new DispatchError(
            'lock-timeout',
            `${err.message} ${SLIP_ATTEMPTS} times; is another program writing it without the lock?`,
          );
        }
      } finally {
        this.inTransaction = false;
        lock.release();
      }
    }
  }

  private refreshForRead(): void {
    const result = this.file.refresh();
    if (typeof result !== 'object' || this.repairing) return;
    // Moving the file aside needs the lock, which a synchronous read cannot wait for.
    this.repairing = true;
    this.write(() => undefined)
      .catch((err) => this.log(`could not repair ${this.paths.db}: ${(err as Error).message}`))
      .finally(() => {
        this.repairing = false;
      });
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.log(message);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private assertOpen(): void {
    if (this.disposed)
      throw new DispatchError('invalid-input', `The state store for ${this.paths.dir} was closed.`);
  }
}

function runQuietly(undo: () => void): void {
  try {
    undo();
  } catch {
    // Cleanup of a failed transaction is best effort; the transaction's own error is reported.
  }
}
