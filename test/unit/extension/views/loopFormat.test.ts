import assert from 'node:assert/strict';
import type { IterationEntry, Loop, LoopEntry } from '../../../../src/core/loop';
import { iterationSummary } from '../../../../src/core/loop';
import { loopCheckText, loopDescription } from '../../../../src/extension/views/loopFormat';

const loop = (overrides: Partial<Loop> = {}): Loop => ({
  id: 'abcdefghjkmn',
  title: 'Make the tests pass',
  prompt: 'Make the tests pass',
  agent: 'claude',
  cwd: '/work',
  untilCommand: 'npm test',
  evalCommand: null,
  direction: null,
  target: null,
  maxIterations: 5,
  state: 'running',
  reason: null,
  bestTaskId: null,
  bestScore: null,
  createdAt: 1,
  endedAt: null,
  ...overrides,
});
const iteration = (n: number, overrides: Partial<IterationEntry> = {}): IterationEntry => ({
  loopId: 'abcdefghjkmn',
  number: n,
  taskId: `task${n}`,
  checkExit: null,
  checkProblem: null,
  score: null,
  checkedAt: null,
  state: 'completed',
  reason: null,
  startedAt: 1,
  endedAt: 2,
  ...overrides,
});
const entry = (l: Loop, n: number): LoopEntry => ({
  loop: l,
  iterations: Array.from({ length: n }, (_, i) => iteration(i + 1)),
});

describe('extension/views/loopFormat', () => {
  it('describes a running loop by its agent and iteration, an ended one by how it ended', () => {
    assert.equal(loopDescription(entry(loop(), 2)), 'claude · iteration 2/5');
    assert.equal(loopDescription(entry(loop({ state: 'succeeded' }), 3)), 'succeeded · 3 iterations');
    assert.equal(loopDescription(entry(loop({ state: 'cancelled' }), 1)), 'cancelled · 1 iteration');
    const evaluate = loop({
      untilCommand: null,
      evalCommand: './score.sh',
      direction: 'maximize',
      bestScore: 0.9,
    });
    assert.equal(loopDescription(entry(evaluate, 3)), 'claude · iteration 3/5 · best 0.9');
    assert.equal(
      loopDescription(entry({ ...evaluate, state: 'failed' }, 5)),
      'failed · 5 iterations · best 0.9',
    );
  });

  it('says what the check is', () => {
    assert.equal(loopCheckText(loop()), 'until `npm test` exits 0');
    assert.equal(
      loopCheckText(loop({ untilCommand: null, evalCommand: './s.sh', direction: 'minimize', target: 0.1 })),
      'minimize the last number of `./s.sh`, target 0.1',
    );
  });

  it("sums an iteration up: its task's state, its check, its score, and whether it is the one", () => {
    const until = loop({ bestTaskId: 'task3' });
    assert.equal(iterationSummary(iteration(1, { state: 'running' }), until), 'running');
    assert.equal(iterationSummary(iteration(2, { checkExit: 1 }), until), 'completed · check exit 1');
    assert.equal(
      iterationSummary(iteration(3, { checkExit: 0 }), until),
      'completed · check exit 0 · passed',
    );
    assert.equal(
      iterationSummary(iteration(2, { checkProblem: 'timed out after 600 s' }), until),
      'completed · check timed out after 600 s',
    );
    const evaluate = loop({
      untilCommand: null,
      evalCommand: 'x',
      direction: 'maximize',
      bestTaskId: 'task2',
    });
    assert.equal(
      iterationSummary(iteration(2, { checkExit: 0, score: 0.8 }), evaluate),
      'completed · check exit 0 · score 0.8 · best',
    );
    assert.equal(iterationSummary(iteration(4, { state: null }), evaluate), 'deleted');
  });
});
