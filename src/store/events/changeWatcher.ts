/**
 * Tells this process when state.db changed, whoever changed it. It watches the *directory*: a
 * watch on the file dies at the first rename (measured: directory watch saw 40/40 writes within
 * ~0.3 ms, file watch 1/40). A slow version poll is the safety net for file systems where watch
 * events are lost (network folders, some containers). Events are coalesced: at most one check per
 * `debounceMs`, fired from the first event rather than after a quiet period, so a busy queue still
 * delivers an event every few milliseconds instead of starving listeners.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

export interface ChangeWatcherOptions {
  /** The file to follow; its directory is watched. */
  file: string;
  /** The file's current version (null when missing); compared with the last one reported. */
  readVersion: () => number | null;
  onChange: (version: number | null) => void;
  /** Default 10 ms. */
  debounceMs?: number;
  /** Default 1500 ms; 0 disables the poll. */
  pollMs?: number;
  log?: (message: string) => void;
}

export interface Disposable {
  dispose(): void;
}

export class ChangeWatcher implements Disposable {
  private last: number | null | undefined;
  private pending: NodeJS.Timeout | undefined;
  private readonly watcher: FSWatcher | undefined;
  private readonly poll: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: ChangeWatcherOptions) {
    this.last = this.safeRead();
    const name = path.basename(options.file);
    try {
      this.watcher = watch(path.dirname(options.file), { persistent: false }, (_event, filename) => {
        // Lock and temp-file churn is not a change; a platform that gives no name might be one.
        if (filename === null || filename === name) this.schedule();
      });
      this.watcher.on('error', (err) => {
        options.log?.(`watching ${path.dirname(options.file)} failed (${err.message}); polling only`);
        this.watcher?.close();
      });
    } catch (err) {
      options.log?.(`cannot watch ${path.dirname(options.file)} (${(err as Error).message}); polling only`);
    }
    const pollMs = options.pollMs ?? 1500;
    if (pollMs > 0) {
      this.poll = setInterval(() => this.check(), pollMs);
      this.poll.unref();
    }
  }

  /** Asks for a check soon, e.g. right after this process committed. */
  schedule(): void {
    if (this.pending || this.disposed) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.check();
    }, this.options.debounceMs ?? 10);
    this.pending.unref();
  }

  /** Compares the version now; reports it if it moved since the last report. */
  check(): void {
    if (this.disposed) return;
    const version = this.safeRead();
    if (version === undefined || Object.is(version, this.last)) return;
    this.last = version;
    this.options.onChange(version);
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    if (this.pending) clearTimeout(this.pending);
  }

  private safeRead(): number | null | undefined {
    try {
      return this.options.readVersion();
    } catch (err) {
      this.options.log?.(`cannot read the version of ${this.options.file}: ${(err as Error).message}`);
      return undefined;
    }
  }
}
