/**
 * The Schedules view's model: active and paused schedules, then the ones that ended recently
 * (finished or cancelled within ENDED_SHOWN_MS), each with its latest runs. Pure (no vscode), so
 * unit tests build it from a real store. refresh() says whether anything shown changed, so the
 * view redraws only then — the store changes on every output flush, schedules rarely.
 */
import type { Schedule, ScheduleRun } from '../../core/schedule';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

/** Ended schedules stay listed this long after they ended, then only `dispatch schedule list` shows them. */
export const ENDED_SHOWN_MS = 7 * 24 * 60 * 60 * 1000;
/** Runs shown under a schedule; `dispatch schedule show` has the whole history. */
export const RUNS_SHOWN = 10;

export interface ScheduleEntry {
  readonly schedule: Schedule;
  /** Newest first, at most RUNS_SHOWN. */
  readonly runs: readonly ScheduleRun[];
}

const ORDER: Record<Schedule['status'], number> = { active: 0, paused: 1, finished: 2, cancelled: 2 };

const signature = (entries: readonly ScheduleEntry[]) =>
  entries
    .map(
      ({ schedule: s, runs }) =>
        `${s.id}:${s.status}:${s.nextRunAt}:${s.runCount}:${s.updatedAt}|${runs
          .map((r) => `${r.dueAt}:${r.kind}:${r.outcome}:${r.taskId}`)
          .join(',')}`,
    )
    .join(';');

export class SchedulesModel {
  private current: readonly ScheduleEntry[] = [];
  private sig = '';
  private readonly listeners = new Listeners<void>();

  constructor(private readonly now: () => number = Date.now) {}

  readonly onDidChange = this.listeners.event;

  get entries(): readonly ScheduleEntry[] {
    return this.current;
  }

  /** Re-reads the schedules from `store` (undefined: no engine, nothing to show); true if changed. */
  refresh(store: StoreReader | undefined): boolean {
    const since = this.now() - ENDED_SHOWN_MS;
    const next = store
      ? store.read((r) =>
          r.schedules
            .list()
            .filter((s) => s.status === 'active' || s.status === 'paused' || s.updatedAt >= since)
            .sort((a, b) => ORDER[a.status] - ORDER[b.status])
            .map((schedule) => ({ schedule, runs: r.schedules.runs(schedule.id, RUNS_SHOWN) })),
        )
      : [];
    const sig = signature(next);
    this.current = next;
    if (sig === this.sig) return false;
    this.sig = sig;
    this.listeners.fire();
    return true;
  }

  find(id: string): ScheduleEntry | undefined {
    return this.current.find((e) => e.schedule.id === id);
  }
}
