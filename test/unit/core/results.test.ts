import assert from 'node:assert/strict';
import { denialsText, retryText, summaryHead, usageText } from '../../../src/core/results';

describe('core/results', () => {
  it('says what was refused: the first few actions, then how many more', () => {
    assert.equal(
      denialsText([{ tool: 'Bash', detail: 'touch x.txt' }]),
      '1 action refused: Bash `touch x.txt`',
    );
    const many = ['a', 'b', 'c', 'd', 'e'].map((f) => ({ tool: 'Write', detail: f }));
    assert.equal(denialsText(many), '5 actions refused: Write `a`, Write `b`, Write `c`, … 2 more');
    assert.equal(denialsText([{ tool: 'WebFetch', detail: '' }]), '1 action refused: WebFetch');
  });

  it('says a retry with its count and status when the agent gave them', () => {
    assert.equal(
      retryText({ attempt: 3, max: 10, status: '401', message: 'authentication_failed', at: 0 }),
      'retrying (3/10): 401 authentication_failed',
    );
    assert.equal(retryText({ attempt: 1, message: 'overloaded', at: 0 }), 'retrying (1): overloaded');
    assert.equal(retryText({ message: 'stream disconnected', at: 0 }), 'retrying: stream disconnected');
  });

  it('sums up tokens and cost, whichever the agent reported', () => {
    assert.equal(
      usageText({ inputTokens: 12_340, outputTokens: 512, cachedInputTokens: 8000 }, 0.0123),
      '12,340 tokens in (8,000 cached), 512 out · $0.01',
    );
    assert.equal(
      usageText({ inputTokens: 240, outputTokens: 34 }, 0.00164),
      '240 tokens in, 34 out · $0.0016',
    );
    assert.equal(usageText({ inputTokens: 1, outputTokens: 2 }, null), '1 tokens in, 2 out');
    assert.equal(usageText(null, null), null);
  });

  it("keeps a summary's first non-empty lines, each cut", () => {
    assert.deepEqual(summaryHead('one\n\ntwo\nthree\nfour', 3), ['one', 'two', 'three', '…']);
    assert.deepEqual(summaryHead(`${'x'.repeat(200)}`, 3, 10), [`${'x'.repeat(9)}…`]);
  });
});
