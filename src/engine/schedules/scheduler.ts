/**
 * Fires due schedules from this engine. Every engine that runs tasks has one, so schedules fire
 * while any window or `dispatch worker` is open; exactly one engine acts on each due time (see
 * scheduleFiring.ts). Besides the engine's tick, a timer is aimed at the nearest due time of any
 * schedule and re-aimed on every change to the shared state, so a run is not up to a tick late.
 */

import type { Disposable, StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { type FiredRun, fireDueRuns } from './scheduleFiring';

export interface SchedulerDeps {
  store: StateStore;
  log: EngineLog;
  now: () => number;
}

// The tick fires anything a timer missed (e.g. across a laptop's sleep); a long timer adds nothing.
const MAX_TIMER_MS = 60_000;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private aimedAt: number | null = null;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Aims the timer now and after every change to the shared state; dispose to stop. */
  start(): Disposable {
    const listener = this.deps.store.onDidChange(() => this.aim());
    this.aim();
    return {
      dispose: () => {
        this.disposed = true;
        listener.dispose();
        if (this.timer) clearTimeout(this.timer);
      },
    };
  }

  /** Fires every due run. Calls that overlap a run in progress make it run once more. */
  async runDue(): Promise<FiredRun[]> {
    if (this.disposed) return [];
    if (this.running) {
      this.again = true;
      return [];
    }
    this.running = true;
    const fired: FiredRun[] = [];
    try {
      do {
        this.again = false;
        fired.push(...(await this.fireOnce()));
      } while (this.again && !this.disposed);
    } catch (err) {
      this.deps.log.error(`scheduler: ${(err as Error).message}`);
    } finally {
      this.running = false;
      this.aim();
    }
    return fired;
  }

  private async fireOnce(): Promise<FiredRun[]> {
    const { store, now, log } = this.deps;
    // Most calls find nothing due: check without the lock before paying for a write.
    if (store.read((r) => r.schedules.due(now()).length) === 0) return [];
    const fired = await store.write((r) => fireDueRuns(r, now()));
    for (const run of fired) {
      const what = run.task ? `queued task ${run.task.id}` : `${run.kind}: ${run.reason}`;
      log.info(
        `schedule ${run.schedule.id} (${run.schedule.title}) due ${new Date(run.dueAt).toISOString()}: ${what}`,
      );
    }
    return fired;
  }

  private aim(): void {
    if (this.disposed) return;
    let next: number | null;
    try {
      next = this.deps.store.read((r) => r.schedules.nearestRunAt());
    } catch (err) {
      this.deps.log.error(`scheduler: ${(err as Error).message}`);
      return;
    }
    if (next === this.aimedAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.aimedAt = next;
    if (next === null) return;
    const delay = Math.min(Math.max(next - this.deps.now(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runDue();
    }, delay);
    this.timer.unref?.();
  }
}
