/**
 * When an agent's usage limit resets, from the words its CLI printed (docs/agents.md, each agent's
 * *Limits*): an epoch (`1796601015`), an ISO time, a relative delay (`in 5 days 22 hours 11
 * minutes`, `2.5s`), or a wall-clock time with an optional date and zone (`3pm`, `15:00`,
 * `11:22 PM`, `Dec 9th, 2026 11:23 PM`, `11:50pm (UTC)`, `Dec 9, 11:50pm (America/Los_Angeles)`).
 * A clock time is the next occurrence after `now`, in the zone it names or else the local one.
 * Pure apart from Intl's time-zone tables; `now` and the local zone are passed in.
 */

/** The reset phrase in a limit message, as the built-in CLIs word it; undefined when none. */
export function resetPhrase(message: string): string | undefined {
  const oneLine = message.replace(/\s+/g, ' ');
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    // Claude: "You've hit your 5-hour limit · resets 11:50pm (UTC)"
    [/\bresets (?:at )?(.+?)\s*$/i, (m) => m[1]!],
    // Codex: "… or try again at 11:22 PM." / older "… try again in 5 days 22 hours 11 minutes."
    [/\btry again at (.+?)\.?\s*$/i, (m) => m[1]!],
    [/\btry again in (\d.+?)\.?\s*$/i, (m) => `in ${m[1]}`],
    // Gemini: "Please retry in 2.5s." (the API's RetryInfo) / "Suggested retry after 2s."
    [/\bretry in ([\d.]+ ?(?:ms|s|m|h)\b)/i, (m) => `in ${m[1]}`],
    [/\bretry after ([\d.]+ ?(?:ms|s|m|h)\b)/i, (m) => `in ${m[1]}`],
  ];
  for (const [pattern, phrase] of patterns) {
    const match = pattern.exec(oneLine);
    if (match) return phrase(match).trim();
  }
  return undefined;
}

/** A unit as the relative pattern below matched it: `ms`, else its first letter decides. */
function unitMs(unit: string): number {
  const u = unit.toLowerCase();
  if (u === 'ms') return 1;
  return { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[u[0] as 's' | 'm' | 'h' | 'd'];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The reset time in epoch ms, or undefined when `text` is not a time this understands. */
export function resetTime(text: string, now: number, localZone = defaultZone()): number | undefined {
  const phrase = text.trim().replace(/\.$/, '');
  if (phrase === '') return undefined;
  return epoch(phrase) ?? iso(phrase) ?? relative(phrase, now) ?? wallClock(phrase, now, localZone);
}

/** This process's time zone (what "local" means for a CLI that prints local times). */
export function defaultZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function epoch(phrase: string): number | undefined {
  if (!/^\d{9,13}$/.test(phrase)) return undefined;
  const n = Number(phrase);
  // Ten digits or fewer are seconds (until the year 2286); more are milliseconds.
  return phrase.length <= 10 ? n * 1000 : n;
}

function iso(phrase: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(phrase)) return undefined;
  const ms = Date.parse(phrase.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** "in 5 days 22 hours 11 minutes", "2.5s", "1h 30m", "30 seconds". */
function relative(phrase: string, now: number): number | undefined {
  const body = phrase.replace(/^(in|after)\s+/i, '');
  const part = /(\d+(?:\.\d+)?)\s*(ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b/gi;
  let total = 0;
  let rest = body;
  for (const match of body.matchAll(part)) {
    total += Number(match[1]) * unitMs(match[2]!);
    rest = rest.replace(match[0], '');
  }
  // Anything left but separators means it was not a delay ("3pm", "Dec 9").
  if (total === 0 || rest.replace(/[\s,]|and/gi, '') !== '') return undefined;
  return now + Math.round(total);
}

/**
 * "3pm", "15:00", "11:22 PM", "11:50pm (UTC)", "Dec 9, 11:50pm (UTC)", "Dec 9th, 2026 11:23 PM":
 * the next such wall-clock time after `now` (a day, or a year, later when it has passed).
 */
function wallClock(phrase: string, now: number, localZone: string): number | undefined {
  const zoneMatch = /\(([^)]+)\)\s*$/.exec(phrase);
  const zone = zoneMatch && isZone(zoneMatch[1]!.trim()) ? zoneMatch[1]!.trim() : localZone;
  const body = (zoneMatch ? phrase.slice(0, zoneMatch.index) : phrase).trim();
  const time = /(?:^|[\s,])(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(body);
  if (!time || (time[2] === undefined && time[3] === undefined)) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2] ?? 0);
  const meridiem = time[3]?.toLowerCase()[0];
  if (minute > 59 || hour > 23 || (meridiem && (hour < 1 || hour > 12))) return undefined;
  if (meridiem === 'p' && hour !== 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const datePart = body.slice(0, time.index).trim().replace(/,$/, '');
  const today = wallDate(now, zone);
  if (datePart === '') {
    const at = zonedEpoch({ ...today, hour, minute }, zone);
    return at > now ? at : zonedEpoch({ ...addDays(today, 1), hour, minute }, zone);
  }
  const date = /^([a-z]{3})[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/i.exec(datePart);
  const month = date ? MONTHS.indexOf(date[1]!.toLowerCase()) : -1;
  if (!date || month < 0) return undefined;
  const day = Number(date[2]);
  if (date[3]) return zonedEpoch({ year: Number(date[3]), month, day, hour, minute }, zone);
  const thisYear = zonedEpoch({ year: today.year, month, day, hour, minute }, zone);
  // "Dec 9" seen on Dec 10 means next year; a day's slack for a clock that is a little ahead.
  return thisYear > now - 86_400_000
    ? thisYear
    : zonedEpoch({ year: today.year + 1, month, day, hour, minute }, zone);
}

interface WallDate {
  year: number;
  /** 0-11 */
  month: number;
  day: number;
}

interface WallTime extends WallDate {
  hour: number;
  minute: number;
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date at `at` in `zone`. */
function wallDate(at: number, zone: string): WallDate {
  const { year, month, day } = wallParts(at, zone);
  return { year, month, day };
}

function wallParts(at: number, zone: string): WallTime & { second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month') - 1,
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The epoch of a wall-clock time in `zone`: its UTC reading, corrected by the zone's offset then. */
function zonedEpoch(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  let guess = asUtc - offsetAt(asUtc, zone);
  // Once more, for a wall time on the other side of a daylight-saving change from its UTC reading.
  guess = asUtc - offsetAt(guess, zone);
  return guess;
}

/** How far `zone`'s wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, zone: string): number {
  const p = wallParts(at, zone);
  const wallAsUtc = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(at / 1000) * 1000;
}
