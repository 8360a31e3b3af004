/**
 * How `dispatch show` describes a worktree task: where it runs, its base, and — once it ended —
 * what it changed and whether that was applied. Changes are read from git at each call.
 */
import { messageOf } from '../core/errors';
import type { Task } from '../core/task';
import { isTerminal } from '../core/taskState';
import { type ChangeSummary, changeSummaryText } from '../core/worktree';
import type { Engine } from '../engine/engine';

async function changesOf(engine: Engine, task: Task): Promise<ChangeSummary | null> {
  if (!task.worktreePath || task.worktreeRemovedAt !== null || !isTerminal(task.state)) return null;
  try {
    return (await engine.worktrees.changes(task.id)).summary;
  } catch (err) {
    process.stderr.write(`dispatch: warning: could not read the changes of ${task.id}: ${messageOf(err)}\n`);
    return null;
  }
}

/** For `show --json`: `worktree` is null for a task that ran in its folder. */
export async function worktreeJson(engine: Engine, task: Task): Promise<Record<string, unknown>> {
  if (!task.worktreePath) return { worktree: null };
  const changes = await changesOf(engine, task);
  return {
    worktree: { path: task.worktreePath, branch: task.worktreeBranch, base: task.worktreeBase },
    ...(isTerminal(task.state) ? { changes } : {}),
    applied: task.worktreeAppliedAt !== null,
    appliedAt: task.worktreeAppliedAt === null ? null : new Date(task.worktreeAppliedAt).toISOString(),
    discarded: task.worktreeRemovedAt !== null,
  };
}

/** Lines for the human-readable `show`, in its `key value` layout. */
export async function worktreeLines(engine: Engine, task: Task): Promise<string[]> {
  if (!task.worktreePath) return [];
  const changes = await changesOf(engine, task);
  const rows: [string, string | null][] = [
    ['worktree', task.worktreeRemovedAt !== null ? `${task.worktreePath} (discarded)` : task.worktreePath],
    ['branch', task.worktreeBranch],
    ['base', task.worktreeBase?.slice(0, 12) ?? null],
    ['changes', changes && changeSummaryText(changes)],
    ['applied', task.worktreeAppliedAt === null ? null : new Date(task.worktreeAppliedAt).toISOString()],
  ];
  return rows.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(11)} ${v}`);
}
