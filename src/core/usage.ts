/**
 * Tokens and cost per agent over a window of time, and the optional daily budget
 * (`dispatch.budget.dailyUsd`). What counts is what each agent reported at the end of its run
 * (the task's result columns), so a run is counted in the window in which it ended: one still
 * running has reported nothing yet. "Today" is the local calendar day, as a person reads a bill.
 * Pure: the store aggregates, the CLI and the editor word it from here.
 */
import { DispatchError } from './errors';

/** One agent's runs that ended in the window (or every agent's, as a total). */
export interface AgentUsage {
  agent: string;
  /** Runs that started and ended in the window (a task cancelled while queued never ran). */
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** The reported cost, or null when no run in the window reported one (codex, gemini, shell). */
  costUsd: number | null;
  /** How many of `tasks` reported a cost. */
  costedTasks: number;
}

export interface UsageWindow {
  /** Epoch ms; runs that ended at or after it count. */
  sinceMs: number;
  /** "today", "the last 7 days" */
  label: string;
}

/** The daily budget in force, and the local day it applies to. */
export interface DailyBudget {
  dailyUsd: number;
  /** Local midnight that began today, epoch ms. */
  dayStart: number;
}

/** Local midnight at the start of the day that holds `now`. */
export function startOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Retention keeps at most ten years (dispatch.retentionDays); a longer window finds nothing more. */
const MAX_DAYS = 3650;
const FORMS = 'today, or hours or days such as 12h, 1d, 7d or 30d';

/**
 * `--since`: `today` (the default: since local midnight, the day the budget counts) or a rolling
 * window of whole hours or days (`12h`, `1d`, `7d`, `30d`).
 */
export function parseSince(text: string | undefined, now: number): UsageWindow {
  const value = (text ?? 'today').trim().toLowerCase();
  if (value === 'today') return { sinceMs: startOfLocalDay(now), label: 'today' };
  const match = /^(\d{1,6})([hd])$/.exec(value);
  const n = match ? Number(match[1]) : 0;
  const unit = match?.[2] === 'h' ? HOUR_MS : DAY_MS;
  if (!match || n === 0 || n * unit > MAX_DAYS * DAY_MS) {
    throw new DispatchError('invalid-input', `bad --since "${text}": use ${FORMS} (at most ${MAX_DAYS}d)`);
  }
  const noun = match[2] === 'h' ? 'hour' : 'day';
  return { sinceMs: now - n * unit, label: `the last ${n === 1 ? noun : `${n} ${noun}s`}` };
}

/** The budget in force at `now`, or undefined when none is set (0, the default). */
export function dailyBudget(dailyUsd: number, now: number): DailyBudget | undefined {
  return dailyUsd > 0 ? { dailyUsd, dayStart: startOfLocalDay(now) } : undefined;
}

/** "$5.00", "$0.0016": cents, or four places below a cent so a small cost does not read as $0.00. */
export function usdText(usd: number): string {
  return `$${usd > 0 && usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** Why queued tasks wait: "daily budget $5.00 reached ($5.12 today)". */
export function budgetHoldText(dailyUsd: number, spentUsd: number): string {
  return `daily budget ${usdText(dailyUsd)} reached (${usdText(spentUsd)} today)`;
}
