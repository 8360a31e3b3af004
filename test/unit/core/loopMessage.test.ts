import assert from 'node:assert/strict';
import { checkReport } from '../../../src/core/loopMessage';

const loop = {
  untilCommand: 'npm test',
  evalCommand: null,
  direction: null,
  target: null,
  maxIterations: 5,
} as const;
const result = {
  exitCode: 1,
  signal: null,
  problem: null,
  unstartable: false,
  output: 'FAIL a.test.ts\n1 failing\n',
  score: null,
};

describe('core/loopMessage', () => {
  it("tells the next iteration the check's command, how it ended and its last lines", () => {
    assert.equal(
      checkReport(loop, 2, result, null),
      [
        'The check `npm test` failed after iteration 2 of 5: exit code 1.',
        '',
        'Its last lines of output (at most 200):',
        '```',
        'FAIL a.test.ts',
        '1 failing',
        '```',
        '',
        'Fix what it reports. When you stop, `npm test` runs again; exit code 0 ends the loop.',
      ].join('\n'),
    );
  });

  it('says when the check printed nothing, or timed out', () => {
    const text = checkReport(
      loop,
      1,
      { ...result, exitCode: null, problem: 'timed out after 600 s', output: '' },
      null,
    );
    assert.match(
      text,
      /^The check `npm test` failed after iteration 1 of 5: timed out after 600 s\.\n\nIt printed nothing\.\n/,
    );
  });

  it('an eval gives the score, the aim, the target and the best so far', () => {
    const evaluate = {
      ...loop,
      untilCommand: null,
      evalCommand: './score.sh',
      direction: 'minimize',
      target: 0.1,
    } as const;
    const scored = { ...result, exitCode: 0, score: 0.4, output: 'loss 0.4' };
    assert.match(
      checkReport(evaluate, 3, scored, { taskId: 't1', score: 0.3 }),
      /^The evaluation `\.\/score\.sh` scored 0\.4 after iteration 3 of 5 \(lower is better, target 0\.1; the best so far is 0\.3\)\.\n[\s\S]*the last number it prints is the score\.$/,
    );
    assert.match(
      checkReport(evaluate, 1, result, null),
      /^The evaluation `\.\/score\.sh` gave no score \(exit code 1\) after iteration 1 of 5 \(lower is better, target 0\.1\)\./,
    );
  });
});
