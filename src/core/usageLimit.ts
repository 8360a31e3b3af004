/**
 * What happens when an agent's run ends at its usage or rate limit (docs/agents.md, each agent's
 * *Limits*): the task is paused until the limit resets and then resumed, at most
 * `dispatch.usageLimit.maxResumes` times; the agent itself is paused for the whole workspace
 * until then, so its queued tasks wait instead of failing the same way. Pure: the finisher
 * (engine/finish) applies the verdict in the write that ends the run.
 */
import * as z from 'zod';
import { defaultZone, resetTime } from './resetTime';

/** A limit as the agent's result records it (engine/agents/resultFold.ts). */
export interface LimitHit {
  /** The agent's own words. */
  message: string;
  /** When the agent said, as an epoch (Claude's `resetsAt`). */
  resetAt?: number;
  /** Otherwise the reset as it was worded (`11:22 PM`, `in 2.5s`), for core/resetTime.ts. */
  reset?: string;
}

/** With no reset time given: wait 15, then 30, then 60 minutes (and 60 from then on). */
export const BACKOFF_MINUTES = [15, 30, 60] as const;

export const REASON_PREFIX = 'usage-limit';

export function backoffMs(resumesSoFar: number): number {
  const minutes = BACKOFF_MINUTES[Math.min(resumesSoFar, BACKOFF_MINUTES.length - 1)]!;
  return minutes * 60_000;
}

export interface LimitRun {
  /** When the run ended: relative resets ("in 2.5s") count from here. */
  endedAt: number;
  /** How many times the task was already resumed after a limit. */
  limitResumes: number;
  /** dispatch.usageLimit.maxResumes */
  maxResumes: number;
  /** The zone a reset without one is read in; default this process's. */
  zone?: string;
}

export interface LimitVerdict {
  /** Pause the task until `resumeAt`, or fail it (it was resumed `maxResumes` times already). */
  kind: 'pause' | 'fail';
  /** When the limit resets, or the backoff ends: the agent stays paused until then either way. */
  resumeAt: number;
  /** True when no reset time was given or understood, so `resumeAt` is a backoff. */
  backoff: boolean;
  /** The task's reason: `usage-limit: <the agent's words>`, and what happens next. */
  reason: string;
  /** `usage-limit: <the agent's words>` alone, for the agent's pause. */
  limit: string;
}

export function limitVerdict(hit: LimitHit, run: LimitRun): LimitVerdict {
  const said =
    hit.resetAt ?? (hit.reset ? resetTime(hit.reset, run.endedAt, run.zone ?? defaultZone()) : undefined);
  // A reset in the past (a clock skew, a stale message) would resume at once and hit it again.
  const known = said !== undefined && said > run.endedAt ? said : undefined;
  const resumeAt = known ?? run.endedAt + backoffMs(run.limitResumes);
  const limit = `${REASON_PREFIX}: ${oneLine(hit.message)}`;
  const backoff = known === undefined;
  if (run.limitResumes >= run.maxResumes) {
    const times = `${run.limitResumes} time${run.limitResumes === 1 ? '' : 's'}`;
    const why = `already resumed ${times}; dispatch.usageLimit.maxResumes is ${run.maxResumes}`;
    return { kind: 'fail', resumeAt, backoff, limit, reason: `${limit} (${why})` };
  }
  const minutes = Math.round((resumeAt - run.endedAt) / 60_000);
  const next = backoff ? ` (no reset time given: trying again in ${minutes} minutes)` : '';
  return { kind: 'pause', resumeAt, backoff, limit, reason: `${limit}${next}` };
}

/** Whether a task's reason says it ended (or waits) at a usage limit. */
export function isLimitReason(reason: string | null): boolean {
  return reason?.startsWith(`${REASON_PREFIX}:`) === true;
}

/** An agent paused for the whole workspace until its limit resets (store table agent_pauses). */
export const agentPauseSchema = z.object({
  agent: z.string().min(1),
  resumeAt: z.number().int().nonnegative(),
  pausedAt: z.number().int().nonnegative(),
  /** The agent's words, as in the task's reason. */
  reason: z.string(),
  /** The task whose run hit the limit. */
  taskId: z.string().nullable(),
});
export type AgentPause = z.infer<typeof agentPauseSchema>;

const MAX_WORDS = 300;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'usage limit reached';
  return line.length > MAX_WORDS ? `${line.slice(0, MAX_WORDS - 1)}…` : line;
}

/**
 * What comes next for a paused task, and for an agent paused with it, in local time — the one
 * wording every view, notification, the output panel (which gets it from its host) and the CLI
 * show: "resumes 15:00" (or "resumes Dec 9, 23:50" on another day). With `autoResume` off the
 * engine never queues a paused task by itself (engine/limits/limitResumer.ts; only the agent's
 * queue starts again at the reset), so it says so: "resets 15:00 · waits for Resume Now".
 * `tasksWait` is whether paused tasks wait behind it — always for a task; for an agent, only while
 * it has some: once they were all cancelled or resumed by hand, only its queue waits, and that
 * for the reset, so nothing may say it waits for Resume Now: "resets 15:00".
 */
export function resumeWords(
  resumeAt: number | null,
  now: number,
  autoResume = true,
  tasksWait = true,
): string {
  if (resumeAt === null) return 'waits for Resume Now';
  const when = localClock(resumeAt, now);
  if (autoResume) return `resumes ${when}`;
  return tasksWait ? `resets ${when} · waits for Resume Now` : `resets ${when}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "15:00" today, "Dec 9, 23:50" on another day. */
export function localClock(at: number, now: number): string {
  const date = new Date(at);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString('en', { month: 'short', day: 'numeric' })}, ${time}`;
}
