/**
 * What happens when a loop's iteration ends: the loop goes on with another iteration, or ends
 * with a state and a reason. Pure; the store applies the answer in the same write that ended the
 * iteration's task (store/repositories/loopAdvance.ts), so it is decided exactly once.
 *
 *  - until: exit 0 succeeds; otherwise another iteration, up to the limit (then failed).
 *  - eval: a score is the last number the command printed when it exited 0; the best one is
 *    kept; the loop stops at the target (succeeded) or the limit (succeeded if any iteration
 *    scored, else failed).
 *  - an iteration that failed or was cancelled, or a check that could not run, ends the loop
 *    failed with the reason (an eval loop that already has a best score keeps it and succeeds).
 */
import type { CheckResult, Direction, Loop, LoopEnd } from './loop';

export interface Best {
  taskId: string;
  score: number | null;
}

export interface EndedIteration {
  number: number;
  taskId: string;
  taskState: 'completed' | 'failed' | 'cancelled';
  taskReason: string | null;
  /** Null when no check ran (the task did not complete, or its supervisor ran none). */
  check: Pick<CheckResult, 'exitCode' | 'signal' | 'problem' | 'unstartable' | 'score'> | null;
}

export type LoopStep =
  | { kind: 'next'; best: Best | null }
  | { kind: 'end'; state: LoopEnd; reason: string; best: Best | null };

type Decided = Pick<
  Loop,
  'untilCommand' | 'direction' | 'target' | 'maxIterations' | 'bestTaskId' | 'bestScore'
>;

/** The score an iteration counts with: only from a check that ran to exit 0 (see above). */
export function scoreOf(check: EndedIteration['check']): number | null {
  return check && check.exitCode === 0 ? check.score : null;
}

export function isBetter(score: number, than: number | null, direction: Direction): boolean {
  if (than === null) return true;
  return direction === 'maximize' ? score > than : score < than;
}

export function reachedTarget(score: number, target: number | null, direction: Direction): boolean {
  if (target === null) return false;
  return direction === 'maximize' ? score >= target : score <= target;
}

/** "exit code 1", "timed out after 600 s", "killed by SIGKILL". */
export function checkOutcome(check: NonNullable<EndedIteration['check']>): string {
  if (check.problem) return check.problem;
  if (check.signal) return `killed by ${check.signal}`;
  return `exit code ${check.exitCode}`;
}

export function afterIteration(loop: Decided, ended: EndedIteration): LoopStep {
  const n = ended.number;
  const { check } = ended;
  const kept = loop.bestTaskId ? { taskId: loop.bestTaskId, score: loop.bestScore } : null;
  const isEval = loop.untilCommand === null;
  const direction = loop.direction ?? 'maximize';
  const score = isEval ? scoreOf(check) : null;
  const best =
    score !== null && isBetter(score, loop.bestScore, direction) ? { taskId: ended.taskId, score } : kept;
  const end = (state: LoopEnd, reason: string, at: Best | null = best): LoopStep => ({
    kind: 'end',
    state,
    reason,
    best: at,
  });
  // An eval loop that scored before keeps its best when it cannot go on.
  const stopped = (why: string) =>
    isEval && best
      ? end('succeeded', `${why}; the best score is ${best.score} (task ${best.taskId})`)
      : end('failed', why);

  if (ended.taskState !== 'completed') {
    const why = ended.taskReason ? `: ${ended.taskReason}` : '';
    return stopped(`iteration ${n} (task ${ended.taskId}) ${ended.taskState}${why}`);
  }
  if (!check) return end('failed', `the check did not run after iteration ${n} (task ${ended.taskId})`);
  if (check.unstartable) return end('failed', `the check ${check.problem ?? 'could not start'}`);
  if (!isEval) {
    if (check.exitCode === 0)
      return end('succeeded', `the check passed on iteration ${n}`, { taskId: ended.taskId, score: null });
    if (n >= loop.maxIterations)
      return end(
        'failed',
        `the check still failed after ${n} iteration${n === 1 ? '' : 's'} (${checkOutcome(check)})`,
      );
    return { kind: 'next', best };
  }
  if (score !== null && reachedTarget(score, loop.target, direction))
    return end('succeeded', `reached the target ${loop.target} with ${score} on iteration ${n}`);
  if (n >= loop.maxIterations) {
    return best
      ? end('succeeded', `the best score after ${n} iterations is ${best.score} (task ${best.taskId})`)
      : end('failed', `no iteration printed a score in ${n} iteration${n === 1 ? '' : 's'}`);
  }
  return { kind: 'next', best };
}
