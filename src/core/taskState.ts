/**
 * Task states and the only transitions allowed between them. The store refuses any other
 * transition, so "the last write wins" (a weakness of the original system) cannot happen: a
 * finished task is never overwritten by a late exit, a second recovery or a stale window.
 */
export const TASK_STATES = [
  'queued',
  'blocked',
  'running',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TERMINAL_STATES: readonly TaskState[] = ['completed', 'failed', 'cancelled'];

const ALLOWED: Record<TaskState, readonly TaskState[]> = {
  // A blocked task waits for its dependencies; it is released or cancelled with them.
  blocked: ['queued', 'cancelled'],
  queued: ['running', 'cancelled', 'blocked'],
  // running -> queued: a claim whose supervisor never launched is handed back (recovery).
  // running -> paused: the agent hit its usage limit (core/usageLimit.ts).
  running: ['completed', 'failed', 'cancelled', 'queued', 'paused'],
  // A paused task waits for its agent's limit to reset, then is queued again (by one engine at
  // its resume time, or by the user's Resume Now), or is cancelled.
  paused: ['queued', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function isTerminal(state: TaskState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function canTransition(from: TaskState, to: TaskState): boolean {
  return ALLOWED[from].includes(to);
}

export function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}
