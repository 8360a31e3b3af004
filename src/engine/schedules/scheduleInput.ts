/**
 * Validation of a new schedule before anything is stored: the task it makes is checked as
 * `delegate` checks it (prompt, agent, priority, folder), then its timing — exactly one of a cron
 * expression and a one-time `at`, a known time zone, times in the future, a known missed-run
 * policy — each refused with a message that says what to do.
 */
import type { DispatchConfig } from '../../core/config';
import { checkCron, localTimeZone } from '../../core/cron';
import { DispatchError } from '../../core/errors';
import { DEFAULT_MISSED_POLICY, isMissedPolicy, type NewSchedule } from '../../core/schedule';
import { nextDueAfter } from '../../core/scheduleRules';
import { type DelegateInput, validateNewTask } from '../submit/taskInput';

/** A point in time: an ISO 8601 date-time (local time unless it has an offset or Z), ms, or a Date. */
export type TimeInput = string | number | Date;

export interface ScheduleInput extends DelegateInput {
  /** 5 fields: minute hour day-of-month month day-of-week. Give this or `at`. */
  cron?: string;
  /** IANA zone of `cron`. Default: this machine's local zone, resolved now and stored. */
  timezone?: string;
  /** One run at this future time. Give this or `cron`. */
  at?: TimeInput;
  /** skip (default), catchup or fail: what happens to due times that passed with no engine open. */
  missed?: string;
  /** Finish after this many tasks. */
  maxRuns?: number;
  /** No run at or after this time. */
  expiresAt?: TimeInput;
  /** Accept a leading seconds field (6-field cron). For tests and development only. */
  allowSeconds?: boolean;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function validateNewSchedule(
  input: ScheduleInput,
  config: DispatchConfig,
  workspace: string,
  now: number,
): NewSchedule {
  const hasCron = input.cron !== undefined && input.cron !== '';
  const hasAt = input.at !== undefined && input.at !== '';
  if (hasCron === hasAt) {
    throw new DispatchError(
      'invalid-input',
      hasCron
        ? 'give a cron expression (--cron) or a one-time date-time (--at), not both'
        : 'give a cron expression (--cron) for a repeating schedule or a date-time (--at) for a one-time run',
    );
  }
  const missedPolicy = input.missed ?? DEFAULT_MISSED_POLICY;
  if (!isMissedPolicy(missedPolicy)) {
    throw new DispatchError(
      'invalid-input',
      `bad missed-run policy "${missedPolicy}": use skip, catchup or fail`,
    );
  }
  const maxRuns = input.maxRuns ?? null;
  if (maxRuns !== null && !(Number.isInteger(maxRuns) && maxRuns > 0)) {
    throw new DispatchError('invalid-input', `max runs must be a whole number above 0, got ${maxRuns}`);
  }
  const expiresAt =
    input.expiresAt === undefined ? null : futureTime(input.expiresAt, 'the expiry time', now);
  let timing: Pick<NewSchedule, 'cron' | 'timezone' | 'runAt'>;
  if (hasCron) {
    const timezone = input.timezone || localTimeZone();
    checkCron(input.cron!, timezone, { allowSeconds: input.allowSeconds }, now);
    timing = { cron: input.cron!.trim(), timezone, runAt: null };
  } else {
    if (input.timezone) {
      throw new DispatchError(
        'invalid-input',
        'a time zone applies to a cron expression only; give --at with an offset instead (e.g. 2026-12-01T09:00+01:00)',
      );
    }
    timing = { cron: null, timezone: null, runAt: futureTime(input.at!, 'the one-time date-time', now) };
  }
  const task = validateNewTask(input, config, workspace);
  const schedule: NewSchedule = {
    title: task.title ?? '',
    prompt: task.prompt,
    agent: task.agent,
    priority: task.priority ?? 'P1',
    cwd: task.cwd,
    timeoutMs: task.timeoutMs ?? null,
    autonomy: task.autonomy ?? null,
    model: task.model ?? null,
    ...timing,
    missedPolicy,
    maxRuns,
    expiresAt,
  };
  if (
    expiresAt !== null &&
    nextDueAfter({ ...schedule, status: 'active', nextRunAt: null, runCount: 0 }, now) === null
  ) {
    throw new DispatchError(
      'invalid-input',
      `the schedule would never run: it has no due time before it expires at ${new Date(expiresAt).toISOString()}`,
    );
  }
  return schedule;
}

/** Epoch ms of an ISO date-time, ms or Date that must be after `now`. */
export function futureTime(value: TimeInput, what: string, now: number): number {
  const ms = timeOf(value);
  if (ms === null) {
    throw new DispatchError(
      'invalid-input',
      `${what} "${String(value)}" is not an ISO date-time; write it like 2026-12-01T09:00 (local) or 2026-12-01T09:00:00Z`,
    );
  }
  if (ms <= now) {
    throw new DispatchError(
      'invalid-input',
      `${what} ${new Date(ms).toISOString()} is in the past (now is ${new Date(now).toISOString()}); give a future time`,
    );
  }
  return ms;
}

function timeOf(value: TimeInput): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value) : null;
  const text = value.trim();
  if (!ISO_DATE_TIME.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}
