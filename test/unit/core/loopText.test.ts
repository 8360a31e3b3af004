import assert from 'node:assert/strict';
import type { IterationEntry, Loop, LoopIteration } from '../../../src/core/loop';
import { checkOutcome, loopAim, loopCheck, loopDetails } from '../../../src/core/loopText';

const loop = (overrides: Partial<Loop> = {}): Loop => ({
  id: 'abcdefghjkmn',
  title: 'Raise the score',
  prompt: 'Raise the score',
  agent: 'claude',
  cwd: '/work',
  untilCommand: null,
  evalCommand: './score.sh',
  direction: 'maximize',
  target: null,
  maxIterations: 5,
  state: 'running',
  reason: null,
  bestTaskId: null,
  bestScore: null,
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  endedAt: null,
  ...overrides,
});
const iteration = (overrides: Partial<LoopIteration> = {}): LoopIteration => ({
  loopId: 'abcdefghjkmn',
  number: 2,
  taskId: 'task2',
  checkExit: null,
  checkProblem: null,
  score: null,
  checkedAt: null,
  ...overrides,
});

describe('core/loopText', () => {
  it('says the check as a key and a value, with an eval loop’s aim', () => {
    assert.deepEqual(loopCheck(loop({ untilCommand: 'npm test', evalCommand: null, direction: null })), [
      'until',
      'npm test',
    ]);
    assert.deepEqual(loopCheck(loop()), ['eval', './score.sh (maximize)']);
    assert.equal(loopAim(loop({ direction: 'minimize', target: 0.5 })), 'minimize, target 0.5');
  });

  it('says how an iteration’s check went: nothing before it ran, its problem, its score, the best', () => {
    assert.equal(checkOutcome({ loop: loop(), iteration: iteration() }), null);
    const timedOut = iteration({ checkProblem: 'timed out after 600 s' });
    assert.equal(checkOutcome({ loop: loop(), iteration: timedOut }), 'timed out after 600 s');
    const scored = iteration({ checkExit: 0, score: 0.83 });
    assert.equal(checkOutcome({ loop: loop(), iteration: scored }), 'exit 0 · score 0.83');
    assert.equal(
      checkOutcome({ loop: loop({ bestTaskId: 'task2' }), iteration: scored }),
      'exit 0 · score 0.83 · best',
    );
    const until = loop({ untilCommand: 'npm test', evalCommand: null, direction: null, bestTaskId: 'task2' });
    assert.equal(checkOutcome({ loop: until, iteration: iteration({ checkExit: 0 }) }), 'exit 0 · passed');
  });

  it('shows a loop as `dispatch loop show` prints it: key value lines, the prompt, each iteration', () => {
    const ended = loop({
      state: 'succeeded',
      reason: 'the target was reached',
      target: 9,
      bestTaskId: 'task2',
      bestScore: 9,
      endedAt: Date.UTC(2026, 0, 2, 3, 14, 5),
    });
    const entry = (n: number, score: number): IterationEntry => ({
      ...iteration({ number: n, taskId: `task${n}`, checkExit: 0, score }),
      state: 'completed',
      reason: null,
      startedAt: 1,
      endedAt: 2,
    });
    assert.equal(
      loopDetails({ loop: ended, iterations: [entry(1, 3), entry(2, 9)] }),
      [
        'id       abcdefghjkmn',
        'title    Raise the score',
        'state    succeeded (the target was reached)',
        'eval     ./score.sh (maximize, target 9)',
        'agent    claude',
        'limit    5 iterations',
        'best     task2 (score 9)',
        'folder   /work',
        'created  2026-01-02T03:04:05.000Z',
        'ended    2026-01-02T03:14:05.000Z',
        '',
        'prompt:',
        'Raise the score',
        '',
        'iterations:',
        '    1  task1  completed · check exit 0 · score 3',
        '    2  task2  completed · check exit 0 · score 9 · best',
      ].join('\n'),
    );
  });
});
