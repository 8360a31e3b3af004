/**
 * The store's one change event. Listeners learn that the state moved, not what changed: they
 * re-read what they show, which is cheap (the reload happens once, in the first read) and can
 * never drift from the database the way a stream of deltas could.
 */
import { ChangeWatcher, type ChangeWatcherOptions, type Disposable } from './changeWatcher';

export type { Disposable } from './changeWatcher';

export interface StateChangeEvent {
  /** state.db's version after the change (null if the file was removed). */
  version: number | null;
  /** False when the version is one this process committed. */
  external: boolean;
}

export class StoreEvents implements Disposable {
  private readonly listeners = new Set<(event: StateChangeEvent) => void>();
  private readonly own = new Set<number>();
  private readonly watcher: ChangeWatcher;

  constructor(
    options: Omit<ChangeWatcherOptions, 'onChange'>,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.watcher = new ChangeWatcher({ ...options, onChange: (version) => this.emit(version) });
  }

  listen(listener: (event: StateChangeEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** This process just committed `version`: report it through the same coalesced path. */
  committed(version: number): void {
    this.own.add(version);
    if (this.own.size > 64) this.own.delete(this.own.values().next().value!);
    this.watcher.schedule();
  }

  dispose(): void {
    this.watcher.dispose();
    this.listeners.clear();
  }

  private emit(version: number | null): void {
    const event = { version, external: version === null || !this.own.has(version) };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.log(`a state change listener failed: ${(err as Error).message}`);
      }
    }
  }
}
