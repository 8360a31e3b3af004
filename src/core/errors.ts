/**
 * Typed errors: every failure that reaches a user carries a code a caller can branch on and a
 * message the user can act on (what went wrong, with the path or id, and what to do).
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'ambiguous-id'
  | 'invalid-transition'
  | 'lock-timeout'
  /** A second claim of a task that already has a worker: two engines raced; the loser backs off. */
  | 'already-claimed'
  | 'state-corrupt'
  | 'state-too-new'
  | 'io'
  | 'agent-unavailable'
  | 'invalid-config'
  | 'dependency-cycle'
  /** A git command failed; the message names the command and quotes git. */
  | 'git-failed'
  /** Deleting would remove a task's worktree whose changes were never applied (pass `force`). */
  | 'unapplied-changes'
  /** `apply` found conflicts and changed nothing. */
  | 'apply-conflict';

export class DispatchError extends Error {
  override readonly name = 'DispatchError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDispatchError(value: unknown, code?: ErrorCode): value is DispatchError {
  return value instanceof DispatchError && (code === undefined || value.code === code);
}

/** A one-line message for any thrown value, never a stack trace. */
export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  return String(value);
}
