/**
 * Cron expressions, through croner: validation with messages a user can act on, and the next run
 * times in a named IANA time zone. All times are epoch milliseconds; nothing here reads the clock,
 * so every rule is tested with a fixed `now`.
 *
 * The user-facing contract is 5 fields (minute hour day month weekday). A 6th, leading seconds
 * field is accepted only when the caller asks for it (`allowSeconds`): tests and development use
 * it to run a schedule every second instead of waiting minutes.
 */
import { Cron } from 'croner';
import { DispatchError } from './errors';

export interface CronCheckOptions {
  /** Accept a leading seconds field (6 fields). For tests and development only. */
  allowSeconds?: boolean;
}

const FIELDS_HINT = 'use 5 fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5"';

/** Throws 'invalid-input' unless `zone` is an IANA time zone this runtime knows. */
export function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new DispatchError(
      'invalid-input',
      `unknown time zone "${zone}"; use an IANA name such as Europe/Berlin, America/New_York or UTC`,
    );
  }
}

/** Throws 'invalid-input' unless `cron` is a valid expression that matches some future time. */
export function checkCron(cron: string, zone: string, options: CronCheckOptions = {}, now = 0): void {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  const nickname = fields.length === 1 && fields[0]!.startsWith('@');
  if (!nickname && fields.length !== 5 && !(options.allowSeconds && fields.length === 6)) {
    throw new DispatchError(
      'invalid-input',
      `invalid cron expression "${cron}": it has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${FIELDS_HINT}`,
    );
  }
  checkTimeZone(zone);
  let job: Cron;
  try {
    job = compile(cron, zone);
  } catch (err) {
    const why = (err as Error).message.replace(/^CronPattern: /, '');
    throw new DispatchError('invalid-input', `invalid cron expression "${cron}": ${why}; ${FIELDS_HINT}`);
  }
  if (!job.nextRun(new Date(now))) {
    throw new DispatchError(
      'invalid-input',
      `cron expression "${cron}" never matches a date (e.g. 30 February)`,
    );
  }
}

/**
 * The first run time strictly after `after` (ms), or null if there is none. Across daylight-saving
 * changes croner's rules apply: a fixed-time job (`30 2 * * *`) whose time falls in a spring-forward
 * gap runs at the first valid time after it and runs once on a fall-back day; an interval job
 * (`*\/30 * * * *`) skips the gap and runs on both occurrences of a repeated hour.
 */
export function nextCronRun(cron: string, zone: string, after: number): number | null {
  return compile(cron, zone).nextRun(new Date(after))?.getTime() ?? null;
}

/** The next `count` run times after `from` (ms), for previews such as "next 3 runs". */
export function previewRuns(cron: string, zone: string, count: number, from: number): number[] {
  return compile(cron, zone)
    .nextRuns(count, new Date(from))
    .map((d) => d.getTime());
}

/** The time zone this process calls local, the default of a new schedule. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// Stored expressions were checked at creation (with or without seconds), so reading accepts both.
function compile(cron: string, zone: string): Cron {
  return new Cron(cron.trim(), { timezone: zone, mode: '5-or-6-parts' });
}
