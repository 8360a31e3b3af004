/**
 * Turning a supervisor's exit record into the task's final state, once. The write re-reads the
 * task under the lock: if it is already terminal (another engine finished it, or it was
 * cancelled) nothing is overwritten; the worker row goes either way so the slot is freed. The
 * same write releases or cancels the tasks waiting for this one (store/repositories/settle.ts),
 * and moves a loop on from its iteration's check (store/repositories/loopAdvance.ts).
 */

import { existsSync } from 'node:fs';
import { messageOf } from '../../core/errors';
import { scoreOf } from '../../core/loopRules';
import { outcomeOf, type RunEnd } from '../../core/outcome';
import type { AgentResult, CheckRecord, Repositories, StateStore, TaskResultColumns } from '../../store';
import { endAtLimit, type LimitSettings } from '../limits/limitEnd';
import { captureGitFacts, gitFactsPath, writeGitFacts } from './gitFacts';

export interface ExitRecordLike extends RunEnd {
  endedAt: number;
  agentResult?: AgentResult | null;
  /** A loop iteration's check (engine/supervisor/checkRun.ts). */
  check?: CheckRecord | null;
  outputBytes?: number;
  outputLines?: number;
}

export interface FinishOptions {
  log?: (message: string) => void;
  /** How a run that ended at its usage limit is resumed (limits/limitEnd.ts); default 3 resumes. */
  usageLimit?: LimitSettings;
  /** Commits the finishing change; default `store.write` (the engine also claims the next task). */
  commit?: <T>(change: (r: Repositories) => T) => Promise<T>;
}

/** Returns true if this call set the final state. */
export async function finishFromExit(
  store: StateStore,
  taskId: string,
  exit: ExitRecordLike,
  now: number,
  { log, commit = (change) => store.write(change), usageLimit = { maxResumes: 3 } }: FinishOptions = {},
): Promise<boolean> {
  await recordGitFacts(store, taskId, log);
  return commit((r) => {
    const task = r.tasks.get(taskId);
    const worker = r.workers.get(taskId);
    // A task resumed after a usage limit runs again under its id: its last run's record is not this one's.
    if (task && worker && task.limitResumes > 0 && exit.endedAt < worker.claimedAt) return false;
    if (worker) r.workers.remove(taskId);
    if (task?.state !== 'running') return false;
    const outcome = outcomeOf(exit, task.cancelRequestedAt !== null);
    const { state, reason } = outcome;
    if (exit.outputBytes !== undefined)
      r.tasks.setOutputStats(taskId, exit.outputBytes, linesSoFar(task, exit.outputLines ?? 0));
    if (exit.agentResult) r.tasks.setResult(taskId, resultColumns(exit.agentResult));
    if (endAtLimit(r, task, exit, outcome, usageLimit, now)) return true;
    // Before the finish: ending the task moves its loop on in this same write (loopAdvance.ts).
    if (exit.check) r.loops.recordCheck(taskId, exit.check, scoreOf(exit.check), now);
    return r.tasks.finish(taskId, {
      state,
      exitCode: exit.exitCode,
      signal: exit.signal,
      reason,
      endedAt: exit.endedAt || now,
    });
  });
}

/**
 * Records where the task's git repository stands now that it has ended — before the finishing
 * write, because that write may release a task that continues from this one, and its context
 * must find the facts. Best effort: a task's outcome never waits on its context.
 */
export async function recordGitFacts(
  store: StateStore,
  taskId: string,
  log?: (message: string) => void,
): Promise<void> {
  const task = store.read((r) => r.tasks.get(taskId));
  const { outputDir } = store.paths;
  if (task?.state !== 'running' || existsSync(gitFactsPath(outputDir, taskId))) return;
  // A worktree task's edits are in its worktree, not in the folder it was delegated from.
  const folder = task.worktreePath && existsSync(task.worktreePath) ? task.worktreePath : task.cwd;
  const facts = await captureGitFacts(folder);
  if (!facts) return;
  try {
    writeGitFacts(outputDir, taskId, facts);
  } catch (err) {
    log?.(`${taskId}: could not record git facts for its context: ${messageOf(err)}`);
  }
}

/**
 * A log continues across the runs of a task resumed after a usage limit, and its byte count is
 * the log's; its supervisor counts only its own run's lines, so the earlier runs' are added.
 */
function linesSoFar(task: { limitResumes: number; outputLines: number }, runLines: number): number {
  return task.limitResumes > 0 ? task.outputLines + runLines : runLines;
}

/** Integers in the database: an agent reporting a fractional or negative count is not our problem to store. */
function resultColumns(result: NonNullable<ExitRecordLike['agentResult']>): TaskResultColumns {
  const count = (n: number | undefined) => (n === undefined ? null : Math.max(0, Math.round(n)));
  return {
    sessionId: result.sessionId ?? null,
    inputTokens: count(result.usage?.inputTokens),
    outputTokens: count(result.usage?.outputTokens),
    cachedInputTokens: count(result.usage?.cachedInputTokens),
    costUsd: result.costUsd === undefined ? null : Math.max(0, result.costUsd),
    turns: count(result.turns),
    denialCount: result.denials ? result.denials.length : null,
  };
}
