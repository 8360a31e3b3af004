/**
 * The `--worktree` / `--no-worktree` options shared by `delegate`, `retry` and `loop`, and the one
 * note a worktree task gets when the workspace has uncommitted changes (the worktree starts from
 * HEAD, without them — said once, on stderr, so scripts reading the id on stdout are unaffected;
 * the MCP tools put it in their answer).
 */
import { DispatchError, messageOf } from '../core/errors';
import type { Task } from '../core/task';
import type { Engine } from '../engine/engine';
import type { Options } from './args';

export const WORKTREE_OPTIONS = {
  worktree: { type: 'boolean' },
  'no-worktree': { type: 'boolean' },
} satisfies Options;

export const WORKTREE_USAGE = '[--worktree | --no-worktree]';

/** undefined: `dispatch.worktree.mode` decides. */
export function worktreeChoice(values: Record<string, string | boolean | undefined>): boolean | undefined {
  if (values.worktree && values['no-worktree']) {
    throw new DispatchError('invalid-input', '--worktree and --no-worktree contradict each other: give one');
  }
  if (values.worktree) return true;
  if (values['no-worktree']) return false;
  return undefined;
}

/**
 * Said of a new worktree task when the workspace has uncommitted changes; undefined otherwise. A
 * failed check is a warning on stderr (the task is queued all the same).
 */
export async function uncommittedNote(engine: Engine, task: Task): Promise<string | undefined> {
  try {
    return await engine.worktrees.uncommittedNote(task);
  } catch (err) {
    process.stderr.write(`dispatch: warning: could not check for uncommitted changes: ${messageOf(err)}\n`);
    return undefined;
  }
}

export async function noteUncommitted(engine: Engine, task: Task): Promise<void> {
  const note = await uncommittedNote(engine, task);
  if (note) process.stderr.write(`dispatch: note: ${note}\n`);
}
