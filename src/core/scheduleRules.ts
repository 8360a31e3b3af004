/**
 * When a schedule runs, as pure functions of the schedule and a given `now`: the next due time,
 * what to do with a due time (fire, skip because the previous run is still active, or apply the
 * missed-run policy), and when a schedule is finished (one-time run done, `maxRuns` reached,
 * `expiresAt` passed). The scheduler applies a decision inside the same write that claims it.
 */
import { nextCronRun } from './cron';
import type { RunKind, Schedule } from './schedule';

/**
 * A due time counts as missed when a later due time has also passed, or when it is more than this
 * late: engines aim a timer at the next due time, so a run later than this means no engine was open.
 */
export const MISSED_AFTER_MS = 60_000;
/** Counting missed due times stops here: a 1-second schedule closed for a day has 86,400. */
export const MAX_COUNTED = 1000;

export type ScheduleTiming = Pick<
  Schedule,
  | 'cron'
  | 'timezone'
  | 'runAt'
  | 'missedPolicy'
  | 'maxRuns'
  | 'expiresAt'
  | 'status'
  | 'nextRunAt'
  | 'runCount'
>;

export interface TimingUpdate {
  nextRunAt: number | null;
  status: 'active' | 'finished';
  endReason: string | null;
}

export interface DueDecision {
  /** The history entry for this due time (and any missed ones it stands for). */
  run: { dueAt: number; dueCount: number; kind: RunKind; reason: string | null };
  /** Create a task now. */
  fire: boolean;
  update: TimingUpdate;
}

/** The first due time strictly after `after`, or null when there is none before expiry. */
export function nextDueAfter(s: ScheduleTiming, after: number): number | null {
  const next =
    s.cron !== null ? nextCronRun(s.cron, s.timezone ?? 'UTC', after) : s.runAt! > after ? s.runAt : null;
  return next !== null && (s.expiresAt === null || next < s.expiresAt) ? next : null;
}

/**
 * Timing of a schedule that starts (created) or starts again (resumed) at `now`: its first due
 * time after `now`. Due times that passed while it was paused are not run.
 */
export function startTiming(s: ScheduleTiming, now: number): TimingUpdate {
  const next = nextDueAfter(s, now);
  if (next !== null || (s.maxRuns !== null && s.runCount >= s.maxRuns)) return settle(s, next, s.runCount);
  const endReason =
    s.expiresAt !== null && now >= s.expiresAt
      ? `expired at ${iso(s.expiresAt)}`
      : s.runAt !== null
        ? `its time (${iso(s.runAt)}) passed while it was paused`
        : 'the cron expression has no more due times before it expires';
  return { nextRunAt: null, status: 'finished', endReason };
}

/**
 * What to do at `now` with a schedule whose due time has come; undefined when it has not (or the
 * schedule is not active). `previousActive`: the task of its previous run is still queued, blocked
 * or running, in which case no new run starts.
 */
export function decideDue(s: ScheduleTiming, now: number, previousActive: boolean): DueDecision | undefined {
  if (s.status !== 'active' || s.nextRunAt === null || s.nextRunAt > now) return undefined;
  const dueAt = s.nextRunAt;
  const dueCount = countDue(s, dueAt, now);
  const missed = dueCount > 1 || now - dueAt > MISSED_AFTER_MS;
  let kind: RunKind = 'fired';
  let reason: string | null = null;
  if (missed) {
    const what =
      dueCount > 1
        ? `${dueCount >= MAX_COUNTED ? `${MAX_COUNTED} or more` : dueCount} due times passed`
        : `the due time passed ${Math.round((now - dueAt) / 1000)} s ago`;
    if (s.missedPolicy === 'skip') [kind, reason] = ['skipped', `${what} while no engine was open`];
    else if (s.missedPolicy === 'fail') [kind, reason] = ['missed', `${what} while no engine was open`];
    else if (s.expiresAt !== null && now >= s.expiresAt)
      [kind, reason] = ['skipped', `${what} while no engine was open, and the schedule has expired`];
    else reason = `${what} while no engine was open; ran once to catch up`;
  }
  if (kind === 'fired' && previousActive) {
    kind = 'skipped';
    reason = `${reason ? `${reason}, but ` : ''}the previous run is still active`;
  }
  const fire = kind === 'fired';
  // This entry accounts for every due time up to now, so the next one is the first after now.
  const update = settle(s, nextDueAfter(s, now), s.runCount + (fire ? 1 : 0));
  return { run: { dueAt, dueCount, kind, reason }, fire, update };
}

/** How many due times from `dueAt` up to `now` (at least 1; stops counting at MAX_COUNTED). */
function countDue(s: ScheduleTiming, dueAt: number, now: number): number {
  let count = 1;
  for (let t = nextDueAfter(s, dueAt); t !== null && t <= now && count < MAX_COUNTED; t = nextDueAfter(s, t))
    count++;
  return count;
}

function settle(s: ScheduleTiming, next: number | null, runCount: number): TimingUpdate {
  if (s.maxRuns !== null && runCount >= s.maxRuns) {
    return { nextRunAt: null, status: 'finished', endReason: `ran ${runCount} of ${s.maxRuns} runs` };
  }
  if (next !== null) return { nextRunAt: next, status: 'active', endReason: null };
  const endReason =
    s.runAt !== null
      ? 'its one due time has passed'
      : s.expiresAt !== null
        ? `no due time is left before it expires at ${iso(s.expiresAt)}`
        : 'the cron expression has no more due times';
  return { nextRunAt: null, status: 'finished', endReason };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
