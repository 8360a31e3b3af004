/**
 * Schedules as the editor and the CLI use them: create, list, show, pause, resume, cancel and the
 * run history. Each change is one write; the engines' schedulers pick it up from the change event.
 */
import type { DispatchConfig } from '../../core/config';
import type { Schedule, ScheduleRun, ScheduleStatus } from '../../core/schedule';
import { startTiming } from '../../core/scheduleRules';
import type { Repositories, StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import type { AgentGate } from '../submit/agentGate';
import { type ScheduleInput, validateNewSchedule } from './scheduleInput';

export interface ScheduleServiceDeps {
  store: StateStore;
  config: () => DispatchConfig;
  /** Default working folder of scheduled tasks and base of relative ones. */
  workspace: string;
  log: EngineLog;
  now: () => number;
  /** The availability check a new schedule's agent goes through, as a delegated task's does. */
  gate: AgentGate;
}

export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  async create(input: ScheduleInput): Promise<Schedule> {
    const { store, config, workspace, now, log, gate } = this.deps;
    const at = now();
    const schedule = validateNewSchedule(input, config(), workspace, at);
    const timing = startTiming({ ...schedule, status: 'active', nextRunAt: null, runCount: 0 }, at);
    const created = await gate.admit([schedule], () =>
      store.write((r) => r.schedules.create(schedule, timing, at)),
    );
    log.info(`schedule ${created.id} created: ${describeTiming(created)}`);
    return created;
  }

  list(): Schedule[] {
    return this.deps.store.read((r) => r.schedules.list());
  }

  /** By full id or unambiguous prefix. */
  get(idOrPrefix: string): Schedule {
    return this.deps.store.read((r) => r.schedules.resolve(idOrPrefix));
  }

  /** Newest first. */
  runs(idOrPrefix: string): ScheduleRun[] {
    return this.deps.store.read((r) => r.schedules.runs(r.schedules.resolve(idOrPrefix).id));
  }

  /** No runs until resumed. Pausing a paused schedule changes nothing. */
  pause(idOrPrefix: string): Promise<Schedule> {
    return this.change(idOrPrefix, 'paused', () => ({ nextRunAt: null, endReason: null }));
  }

  /** Runs again from the next due time after now; due times that passed while paused are not run. */
  resume(idOrPrefix: string): Promise<Schedule> {
    return this.change(idOrPrefix, 'active', (s, at) => startTiming({ ...s, status: 'active' }, at));
  }

  /** No more runs, for good. A task it already made is left alone (cancel it on its own). */
  cancel(idOrPrefix: string): Promise<Schedule> {
    return this.change(idOrPrefix, 'cancelled', () => ({ nextRunAt: null, endReason: 'cancelled by user' }));
  }

  private async change(
    idOrPrefix: string,
    to: ScheduleStatus,
    timing: (
      s: Schedule,
      at: number,
    ) => { nextRunAt: number | null; endReason: string | null; status?: ScheduleStatus },
  ): Promise<Schedule> {
    const { id } = this.get(idOrPrefix);
    const at = this.deps.now();
    const changed = await this.deps.store.write((r: Repositories) => {
      const s = r.schedules.resolve(id);
      // Asking again for what already holds is not an error (cancelling a finished one neither).
      if (s.status === to || (to === 'cancelled' && s.status === 'finished')) return s;
      const next = timing(s, at);
      return r.schedules.setStatus(id, next.status ?? to, next, at);
    });
    this.deps.log.info(`schedule ${id} is ${changed.status}`);
    return changed;
  }
}

export function describeTiming(s: Schedule): string {
  const when = s.cron !== null ? `cron "${s.cron}" (${s.timezone})` : `once at ${iso(s.runAt)}`;
  return `${when}, next run ${s.nextRunAt === null ? 'none' : iso(s.nextRunAt)}`;
}

function iso(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}
