import assert from 'node:assert/strict';
import { lastNumber, ScoreReader } from '../../../src/core/checkOutput';

describe('core/checkOutput', () => {
  it('reads the last number of a line: integers, decimals, signs, exponents', () => {
    const cases: [string, number | undefined][] = [
      ['score: 0.83', 0.83],
      ['loss 0.25 (best 0.2)', 0.2],
      ['accuracy 83%', 83],
      ['score: -3.5', -3.5],
      ['x=-2', -2],
      ['7 passed, 1 failed', 1],
      ['1.5e-3', 0.0015],
      ['.5', 0.5],
      ['done in 12.', 12],
      ['no number here', undefined],
      ['', undefined],
    ];
    for (const [line, expected] of cases) assert.equal(lastNumber(line), expected, JSON.stringify(line));
  });

  it('reads a dash inside a word or a date as a separator, not as a minus sign', () => {
    assert.equal(lastNumber('finished 2024-05-01'), 1);
    assert.equal(lastNumber('run-3'), 3);
  });

  it('ignores ANSI colours, whose codes are numbers too', () => {
    assert.equal(lastNumber('\x1b[32mscore 0.91\x1b[0m'), 0.91);
    assert.equal(lastNumber('\x1b[1;31m\x1b[0m'), undefined);
  });

  it('a number too large for a double is no score', () => {
    assert.equal(lastNumber('1e999'), undefined);
    assert.equal(lastNumber('4 then 1e999'), 4);
  });

  it('keeps the last number over the lines it is given; none is null', () => {
    const reader = new ScoreReader();
    assert.equal(reader.score, null);
    for (const line of ['epoch 1 loss 0.5', 'epoch 2 loss 0.4', 'done', '']) reader.line(line);
    assert.equal(reader.score, 0.4);
  });
});
