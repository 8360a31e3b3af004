/**
 * The loops the Tasks view shows (issue 17): the running ones, then those started within a week,
 * newest first, each with its iterations. Pure (no vscode), so unit tests build it from a real
 * store. refresh() fires only when something shown changed: the store changes on every output
 * flush, loops once an iteration.
 */
import type { LoopEntry } from '../../core/loop';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

/** Loops that ended stay listed this long after they started; `dispatch loop list` has them all. */
export const RECENT_LOOPS_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many ended loops are listed (running ones always are). */
export const ENDED_LOOPS_SHOWN = 20;

const signature = (entries: readonly LoopEntry[]) =>
  entries
    .map(
      ({ loop: l, iterations }) =>
        `${l.id}:${l.state}:${l.bestTaskId}:${l.bestScore}|${iterations
          .map((i) => `${i.taskId}:${i.state}:${i.checkExit}:${i.checkProblem}:${i.score}`)
          .join(',')}`,
    )
    .join(';');

export class LoopsModel {
  private current: readonly LoopEntry[] = [];
  private sig = '';
  private readonly listeners = new Listeners<void>();

  constructor(private readonly now: () => number = Date.now) {}

  readonly onDidChange = this.listeners.event;

  get entries(): readonly LoopEntry[] {
    return this.current;
  }

  /** Re-reads the loops from `store` (undefined: no engine, nothing to show); true if changed. */
  refresh(store: StoreReader | undefined): boolean {
    const next = store
      ? store.read((r) => {
          const loops = r.loops.list({ since: this.now() - RECENT_LOOPS_MS });
          const running = loops.filter((l) => l.state === 'running');
          const ended = loops.filter((l) => l.state !== 'running').slice(0, ENDED_LOOPS_SHOWN);
          return [...running, ...ended].map((loop) => ({ loop, iterations: r.loops.entries(loop.id) }));
        })
      : [];
    const sig = signature(next);
    this.current = next;
    if (sig === this.sig) return false;
    this.sig = sig;
    this.listeners.fire();
    return true;
  }

  find(id: string): LoopEntry | undefined {
    return this.current.find((e) => e.loop.id === id);
  }
}
