import assert from 'node:assert/strict';
import {
  afterIteration,
  type EndedIteration,
  isBetter,
  reachedTarget,
  scoreOf,
} from '../../../src/core/loopRules';

const until = {
  untilCommand: 'npm test',
  direction: null,
  target: null,
  maxIterations: 3,
  bestTaskId: null,
  bestScore: null,
} as const;
const evaluate = { ...until, untilCommand: null, direction: 'maximize', target: null } as const;

const check = (exitCode: number | null, score: number | null = null, problem: string | null = null) => ({
  exitCode,
  signal: null,
  problem,
  unstartable: false,
  score,
});
const ended = (
  n: number,
  c: EndedIteration['check'],
  state: EndedIteration['taskState'] = 'completed',
): EndedIteration => ({
  number: n,
  taskId: `task${n}`,
  taskState: state,
  taskReason: state === 'completed' ? null : 'exit code 2',
  check: c,
});

describe('core/loopRules', () => {
  it('until: exit 0 succeeds with that iteration; otherwise another one, up to the limit', () => {
    assert.deepEqual(afterIteration(until, ended(1, check(1))), { kind: 'next', best: null });
    assert.deepEqual(afterIteration(until, ended(2, check(0))), {
      kind: 'end',
      state: 'succeeded',
      reason: 'the check passed on iteration 2',
      best: { taskId: 'task2', score: null },
    });
    assert.deepEqual(afterIteration(until, ended(3, check(1))), {
      kind: 'end',
      state: 'failed',
      reason: 'the check still failed after 3 iterations (exit code 1)',
      best: null,
    });
    assert.equal(
      (afterIteration(until, ended(3, check(null, null, 'timed out after 600 s'))) as { reason: string })
        .reason,
      'the check still failed after 3 iterations (timed out after 600 s)',
    );
  });

  it('an iteration that failed or was cancelled ends the loop failed with the reason', () => {
    assert.deepEqual(afterIteration(until, ended(1, null, 'failed')), {
      kind: 'end',
      state: 'failed',
      reason: 'iteration 1 (task task1) failed: exit code 2',
      best: null,
    });
    assert.equal((afterIteration(until, ended(2, null, 'cancelled')) as { state: string }).state, 'failed');
  });

  it('a check that did not run, or could not start, ends the loop failed', () => {
    assert.deepEqual(afterIteration(until, ended(1, null)), {
      kind: 'end',
      state: 'failed',
      reason: 'the check did not run after iteration 1 (task task1)',
      best: null,
    });
    const unstartable = {
      ...check(null, null, 'could not start `/bin/sh`: the working folder /x does not exist'),
      unstartable: true,
    };
    assert.deepEqual(afterIteration(evaluate, ended(1, unstartable)), {
      kind: 'end',
      state: 'failed',
      reason: 'the check could not start `/bin/sh`: the working folder /x does not exist',
      best: null,
    });
  });

  it('eval: keeps the best score, counts a score only from exit 0, and stops at the limit', () => {
    assert.deepEqual(afterIteration(evaluate, ended(1, check(0, 3))), {
      kind: 'next',
      best: { taskId: 'task1', score: 3 },
    });
    const kept = { ...evaluate, bestTaskId: 'task1', bestScore: 3 };
    assert.deepEqual(afterIteration(kept, ended(2, check(0, 2))), {
      kind: 'next',
      best: { taskId: 'task1', score: 3 },
    });
    assert.deepEqual(afterIteration(kept, ended(2, check(1, 99))), {
      kind: 'next',
      best: { taskId: 'task1', score: 3 },
    });
    assert.deepEqual(afterIteration(kept, ended(3, check(0, 4))), {
      kind: 'end',
      state: 'succeeded',
      reason: 'the best score after 3 iterations is 4 (task task3)',
      best: { taskId: 'task3', score: 4 },
    });
    assert.deepEqual(afterIteration(evaluate, ended(3, check(0, null))), {
      kind: 'end',
      state: 'failed',
      reason: 'no iteration printed a score in 3 iterations',
      best: null,
    });
  });

  it('eval: stops at the target, in either direction', () => {
    const min = { ...evaluate, direction: 'minimize', target: 0.1 } as const;
    assert.equal(afterIteration(min, ended(1, check(0, 0.2))).kind, 'next');
    assert.deepEqual(afterIteration(min, ended(2, check(0, 0.1))), {
      kind: 'end',
      state: 'succeeded',
      reason: 'reached the target 0.1 with 0.1 on iteration 2',
      best: { taskId: 'task2', score: 0.1 },
    });
    assert.equal(afterIteration({ ...evaluate, target: 10 }, ended(1, check(0, 11))).kind, 'end');
  });

  it('eval: an iteration that fails keeps the best found so far (succeeded), else fails', () => {
    const kept = { ...evaluate, bestTaskId: 'task1', bestScore: 3 };
    assert.deepEqual(afterIteration(kept, ended(2, null, 'failed')), {
      kind: 'end',
      state: 'succeeded',
      reason: 'iteration 2 (task task2) failed: exit code 2; the best score is 3 (task task1)',
      best: { taskId: 'task1', score: 3 },
    });
    assert.equal(
      (afterIteration(evaluate, ended(1, null, 'cancelled')) as { state: string }).state,
      'failed',
    );
  });

  it('compares scores by direction; ties keep the earlier best', () => {
    assert.ok(isBetter(2, 1, 'maximize') && !isBetter(1, 1, 'maximize') && isBetter(1, null, 'maximize'));
    assert.ok(isBetter(1, 2, 'minimize') && !isBetter(2, 2, 'minimize'));
    assert.ok(reachedTarget(5, 5, 'maximize') && !reachedTarget(4, 5, 'maximize'));
    assert.ok(
      reachedTarget(5, 5, 'minimize') &&
        !reachedTarget(6, 5, 'minimize') &&
        !reachedTarget(1, null, 'minimize'),
    );
    assert.equal(scoreOf(check(0, 7)), 7);
    assert.equal(scoreOf(check(2, 7)), null);
    assert.equal(scoreOf(null), null);
  });
});
