/**
 * The end of a run at the agent's usage limit, decided inside the write that finishes the task
 * (finish/finisher.ts), so whichever engine finishes it decides once: the task is paused until the
 * limit resets (core/usageLimit.ts) — or fails, once it was resumed `maxResumes` times — and the
 * agent is paused for the whole workspace until then, so its queued tasks wait instead of
 * failing the same way.
 */
import type { Outcome, RunEnd } from '../../core/outcome';
import type { Task } from '../../core/task';
import { type LimitHit, limitVerdict } from '../../core/usageLimit';
import type { Repositories } from '../../store';

export interface LimitSettings {
  /** dispatch.usageLimit.maxResumes */
  maxResumes: number;
}

export interface LimitRunEnd extends Pick<RunEnd, 'exitCode' | 'signal' | 'reason'> {
  endedAt: number;
  agentResult?: { limit?: LimitHit } | null;
}

/** True when the run ended at a usage limit and this write paused (or failed) the task for it. */
export function endAtLimit(
  r: Repositories,
  task: Task,
  exit: LimitRunEnd,
  outcome: Outcome,
  settings: LimitSettings,
  now: number,
): boolean {
  const limit = exit.agentResult?.limit;
  // Only a run the agent ended itself: a cancel, timeout or signal death is not its limit.
  const ownEnd = !exit.reason || exit.reason === 'exited';
  if (!limit || outcome.state !== 'failed' || !ownEnd || exit.signal) return false;
  const endedAt = exit.endedAt || now;
  const verdict = limitVerdict(limit, {
    endedAt,
    limitResumes: task.limitResumes,
    maxResumes: settings.maxResumes,
  });
  r.agentPauses.pause({
    agent: task.agent,
    resumeAt: verdict.resumeAt,
    pausedAt: now,
    reason: verdict.limit,
    taskId: task.id,
  });
  const end = { exitCode: exit.exitCode, signal: exit.signal, reason: verdict.reason, endedAt };
  if (verdict.kind === 'fail') r.tasks.finish(task.id, { state: 'failed', ...end });
  else r.paused.pause(task.id, { ...end, resumeAt: verdict.resumeAt });
  return true;
}
