import assert from 'node:assert/strict';
import { limitMatcher } from '../../../../src/engine/agents/limitPattern';

describe('engine/agents/limitPattern', () => {
  it('marks a matching line as the limit, with its named group `reset`', () => {
    const match = limitMatcher('rate limited, resets at (?<reset>\\d+)')!;
    assert.deepEqual(match('\x1b[31mrate limited, resets at 1796601015\x1b[0m  '), {
      kind: 'limit',
      message: 'rate limited, resets at 1796601015',
      reset: '1796601015',
    });
    assert.equal(match('all good'), undefined);
  });

  it('takes a pattern without a reset group (a backoff), and none at all', () => {
    assert.deepEqual(limitMatcher('^quota exhausted')!('quota exhausted for today'), {
      kind: 'limit',
      message: 'quota exhausted for today',
    });
    assert.equal(limitMatcher(undefined), undefined);
  });
});
