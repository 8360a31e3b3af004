/** How schedules read in the Schedules view and the Schedule Task preview. Pure, so it is unit-tested. */
import type { Schedule, ScheduleRun } from '../../core/schedule';
import { clock } from './format';

export const SCHEDULE_STATUS_LABELS: Record<Schedule['status'], string> = {
  active: 'Active',
  paused: 'Paused',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

/** "0 9 * * 1-5", "0 9 * * 1-5 (UTC)" when the zone is not this machine's, or "once". */
export function timingLabel(s: Pick<Schedule, 'cron' | 'timezone'>, localZone: string): string {
  if (s.cron === null) return 'once';
  return s.timezone && s.timezone !== localZone ? `${s.cron} (${s.timezone})` : s.cron;
}

/** The row's description: when it runs next, or why it does not. */
export function scheduleDescription(s: Schedule, now: number, localZone: string): string {
  const parts = [s.agent];
  if (s.status === 'active' && s.nextRunAt !== null) parts.push(`next ${clock(s.nextRunAt, now)}`);
  else parts.push(s.status === 'cancelled' || s.status === 'finished' ? s.status : 'paused');
  parts.push(timingLabel(s, localZone));
  if (s.maxRuns !== null) parts.push(`${s.runCount}/${s.maxRuns} runs`);
  return parts.join(' · ');
}

/** "fired · completed · 8k2d…", "skipped: the previous run is still running", "missed ×3". */
export function runDescription(run: ScheduleRun): string {
  if (run.kind === 'fired') return [run.outcome, run.taskId].filter(Boolean).join(' · ');
  const count = run.dueCount > 1 ? ` ×${run.dueCount}` : '';
  return `${run.kind}${count}${run.reason ? `: ${run.reason}` : ''}`;
}

/** "Thu, Nov 26, 09:00": a preview that is unambiguous a week ahead. */
export function runTime(at: number, zone?: string): string {
  return new Date(at).toLocaleString('en', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(zone ? { timeZone: zone } : {}),
  });
}
