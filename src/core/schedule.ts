/**
 * Schedules: a task template that an engine turns into a task at each due time, by a cron
 * expression or once at a given time. This file holds the shapes every layer shares and the
 * allowed status changes; the timing rules are in scheduleRules.ts.
 */

import * as z from 'zod';
import { AUTONOMY_LEVELS } from './autonomy';
import { PRIORITIES } from './task';

export const MISSED_POLICIES = ['skip', 'catchup', 'fail'] as const;
/** What happens to due times that passed while no engine was open (see scheduleRules.ts). */
export type MissedPolicy = (typeof MISSED_POLICIES)[number];
export const DEFAULT_MISSED_POLICY: MissedPolicy = 'skip';

export const SCHEDULE_STATUSES = ['active', 'paused', 'cancelled', 'finished'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** One entry of a schedule's history: a task was created, or a due time passed without one. */
export const RUN_KINDS = ['fired', 'skipped', 'missed'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

const epochMs = z.number().int().nonnegative();

export const scheduleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  prompt: z.string(),
  agent: z.string().min(1),
  priority: z.enum(PRIORITIES),
  cwd: z.string(),
  timeoutMs: z.number().int().positive().nullable(),
  /** The tasks' autonomy and model; null autonomy: made before levels existed (the default then applies). */
  autonomy: z.enum(AUTONOMY_LEVELS).nullable(),
  model: z.string().nullable(),
  /** Exactly one of `cron` (with `timezone`) and `runAt` is set. */
  cron: z.string().nullable(),
  timezone: z.string().nullable(),
  runAt: epochMs.nullable(),
  missedPolicy: z.enum(MISSED_POLICIES),
  maxRuns: z.number().int().positive().nullable(),
  expiresAt: epochMs.nullable(),
  status: z.enum(SCHEDULE_STATUSES),
  /** The due time engines compare-and-set to claim a run; null unless active. */
  nextRunAt: epochMs.nullable(),
  /** Tasks created so far (what `maxRuns` counts). */
  runCount: z.number().int().nonnegative(),
  /** The task of the latest run: no new run starts while it is queued, blocked or running. */
  lastTaskId: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** Why a schedule finished or was cancelled. */
  endReason: z.string().nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const scheduleRunSchema = z.object({
  scheduleId: z.string().min(1),
  /** The (first) due time this entry accounts for. */
  dueAt: epochMs,
  /** How many consecutive due times it accounts for: more than 1 after missed runs. */
  dueCount: z.number().int().positive(),
  /** When an engine decided it. */
  at: epochMs,
  kind: z.enum(RUN_KINDS),
  taskId: z.string().nullable(),
  /** A fired run's task state (kept after the task is pruned); 'skipped' or 'missed' otherwise. */
  outcome: z.string(),
  reason: z.string().nullable(),
});
export type ScheduleRun = z.infer<typeof scheduleRunSchema>;

/** What a new schedule holds before the store gives it an id and a status. */
export type NewSchedule = Pick<
  Schedule,
  | 'title'
  | 'prompt'
  | 'agent'
  | 'priority'
  | 'cwd'
  | 'timeoutMs'
  | 'autonomy'
  | 'model'
  | 'cron'
  | 'timezone'
  | 'runAt'
  | 'missedPolicy'
  | 'maxRuns'
  | 'expiresAt'
>;

const ALLOWED: Record<ScheduleStatus, readonly ScheduleStatus[]> = {
  active: ['paused', 'cancelled', 'finished'],
  // paused -> finished: resumed after its one-time run's time or its expiry passed.
  paused: ['active', 'cancelled', 'finished'],
  cancelled: [],
  finished: [],
};

export function canChangeStatus(from: ScheduleStatus, to: ScheduleStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isMissedPolicy(value: string): value is MissedPolicy {
  return (MISSED_POLICIES as readonly string[]).includes(value);
}
