import assert from 'node:assert/strict';
import { type EndFacts, failureWords, outcomeWords, reasonWords } from '../../../src/protocol/outcomeWords';

const ended = (over: Partial<EndFacts>): EndFacts => ({
  state: 'completed',
  reason: null,
  signal: null,
  exitCode: 0,
  startedAt: 1_000,
  endedAt: 13_000,
  ...over,
});

describe('protocol/outcomeWords', () => {
  it('says how a task ended, with how long it ran', () => {
    assert.equal(outcomeWords(ended({})), 'Completed in 12s');
    assert.equal(
      outcomeWords(ended({ state: 'cancelled', reason: 'cancelled by user', signal: 'SIGTERM' })),
      'Cancelled by you after 12s',
    );
    assert.equal(
      outcomeWords(ended({ state: 'cancelled', reason: 'cancelled by user', startedAt: null })),
      'Cancelled by you before it started',
    );
    assert.equal(
      outcomeWords(ended({ state: 'cancelled', reason: 'dependency 8k2m4x7q1z9a failed', startedAt: null })),
      'Cancelled: dependency 8k2m4x7q1z9a failed',
    );
    assert.equal(
      outcomeWords(ended({ state: 'failed', reason: 'timeout', signal: 'SIGTERM' })),
      'Timed out after 12s',
    );
    assert.equal(
      outcomeWords(ended({ state: 'failed', exitCode: 1, reason: 'exit code 1' })),
      'Failed after 12s: exit code 1',
    );
    assert.equal(outcomeWords(ended({ state: 'running', endedAt: null })), '');
  });

  it('falls back from the reason to the signal, then the exit code', () => {
    assert.equal(failureWords({ reason: null, signal: 'SIGKILL', exitCode: null }), 'killed by SIGKILL');
    assert.equal(failureWords({ reason: null, signal: null, exitCode: 2 }), 'exit code 2');
    assert.equal(failureWords({ reason: 'Not logged in', signal: null, exitCode: 1 }), 'Not logged in');
  });

  it('makes a stored reason one plain line: no internal code, no backticks', () => {
    assert.equal(
      reasonWords('spawn-failed: could not start `claude`: not found on PATH'),
      'could not start claude: not found on PATH',
    );
    assert.equal(reasonWords('\nfirst line\nsecond line'), 'first line');
    assert.equal(reasonWords('supervisor died'), 'supervisor died');
  });
});
