/**
 * Loops: an agent run again and again, each iteration a task that continues the last one's
 * session, until a check passes (`until`) or to improve a score (`eval`). This file holds the
 * shapes every layer shares; what happens after an iteration is decided in loopRules.ts, and what
 * the next iteration is told in loopMessage.ts.
 */
import * as z from 'zod';
import type { TaskState } from './taskState';

export const LOOP_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type LoopState = (typeof LOOP_STATES)[number];
export type LoopEnd = Exclude<LoopState, 'running'>;

export const DIRECTIONS = ['maximize', 'minimize'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DEFAULT_MAX_ITERATIONS = 5;
/** A loop is a bounded retry, not a daemon: each iteration is a whole agent run. */
export const MAX_ITERATIONS = 100;

const epochMs = z.number().int().nonnegative();

export const loopSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** What the first iteration is asked; an agent without a session gets it again each time. */
  prompt: z.string(),
  agent: z.string().min(1),
  cwd: z.string(),
  /** Exactly one of `untilCommand` and `evalCommand` is set. */
  untilCommand: z.string().nullable(),
  evalCommand: z.string().nullable(),
  /** Eval loops only. */
  direction: z.enum(DIRECTIONS).nullable(),
  target: z.number().nullable(),
  maxIterations: z.number().int().positive(),
  state: z.enum(LOOP_STATES),
  /** Why it ended, in words ("the check passed on iteration 3"). */
  reason: z.string().nullable(),
  /** Until: the iteration whose check passed. Eval: the best-scoring iteration so far. */
  bestTaskId: z.string().nullable(),
  bestScore: z.number().nullable(),
  createdAt: epochMs,
  endedAt: epochMs.nullable(),
});
export type Loop = z.infer<typeof loopSchema>;

export const loopIterationSchema = z.object({
  loopId: z.string().min(1),
  /** 1, 2, 3 … : a second row for one number is refused, so an iteration is queued once. */
  number: z.number().int().positive(),
  taskId: z.string().min(1),
  /** Null until the check ran, and when it was killed (timeout, cancel) or could not start. */
  checkExit: z.number().int().nullable(),
  /** Why the check has no exit code: "timed out after 600 s", "could not start: …". */
  checkProblem: z.string().nullable(),
  /** Eval loops: the last number the command printed, when it exited 0. */
  score: z.number().nullable(),
  checkedAt: epochMs.nullable(),
});
export type LoopIteration = z.infer<typeof loopIterationSchema>;

/** An iteration as lists show it, with its task's state: null once the task was deleted. */
export interface IterationEntry extends LoopIteration {
  state: TaskState | null;
  reason: string | null;
  startedAt: number | null;
  endedAt: number | null;
}

/** A loop with its iterations, oldest first: what `dispatch loop show` and the Tasks view read. */
export interface LoopEntry {
  loop: Loop;
  iterations: IterationEntry[];
}

/** What a new loop holds before the store gives it an id and a state. */
export type NewLoop = Pick<
  Loop,
  | 'title'
  | 'prompt'
  | 'agent'
  | 'cwd'
  | 'untilCommand'
  | 'evalCommand'
  | 'direction'
  | 'target'
  | 'maxIterations'
>;

/**
 * How an iteration's check went, as its supervisor records it in the task's exit record: the
 * database keeps the numbers (LoopIteration), the output only reaches the next iteration's prompt.
 */
export interface CheckResult {
  exitCode: number | null;
  signal: string | null;
  /** Set when it never ran to its own end: "timed out after 600 s", "could not start: …". */
  problem: string | null;
  /** It could not be started at all: the loop cannot go on. */
  unstartable: boolean;
  /** The last lines it printed, both streams in order (checkOutput.ts says how many). */
  output: string;
  score: number | null;
}

export function checkCommandOf(loop: Pick<Loop, 'untilCommand' | 'evalCommand'>): string {
  return loop.untilCommand ?? loop.evalCommand ?? '';
}

export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}

/** "[loop 2/5] Fix the failing tests", cut like a task title. */
export function iterationTitle(loop: Pick<Loop, 'title' | 'maxIterations'>, n: number): string {
  const title = `[loop ${n}/${loop.maxIterations}] ${loop.title}`;
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

/** "completed · check exit 1", "completed · score 0.83 · best", "running", "deleted" (its task is gone). */
export function iterationSummary(i: IterationEntry, loop: Loop): string {
  const parts: string[] = [i.state ?? 'deleted'];
  if (i.checkProblem) parts.push(`check ${i.checkProblem}`);
  else if (i.checkExit !== null) parts.push(`check exit ${i.checkExit}`);
  if (i.score !== null) parts.push(`score ${i.score}`);
  if (i.taskId === loop.bestTaskId) parts.push(loop.untilCommand !== null ? 'passed' : 'best');
  return parts.join(' · ');
}
