import assert from 'node:assert/strict';
import { outcomeOf } from '../../../src/core/outcome';

describe('core/outcome', () => {
  it('completes on exit 0', () => {
    assert.deepEqual(outcomeOf({ exitCode: 0, signal: null }, false), { state: 'completed', reason: null });
  });

  it('fails on a non-zero exit code and says which', () => {
    assert.deepEqual(outcomeOf({ exitCode: 3, signal: null }, false), {
      state: 'failed',
      reason: 'exit code 3',
    });
  });

  it('never calls a signal death completed', () => {
    assert.deepEqual(outcomeOf({ exitCode: null, signal: 'SIGKILL' }, false), {
      state: 'failed',
      reason: 'killed by SIGKILL',
    });
  });

  it('lets a requested cancel win over any exit code', () => {
    assert.equal(outcomeOf({ exitCode: 0, signal: null }, true).state, 'cancelled');
    assert.equal(outcomeOf({ exitCode: 143, signal: null, reason: 'cancelled' }, false).state, 'cancelled');
  });

  it('reports timeouts as failures with reason timeout', () => {
    assert.deepEqual(outcomeOf({ exitCode: null, signal: 'SIGTERM', reason: 'timeout' }, false), {
      state: 'failed',
      reason: 'timeout',
    });
  });

  it("fails a run whose agent reported an error even when it exited 0, with the agent's message", () => {
    const end = { exitCode: 0, signal: null, agentResult: { isError: true, message: 'Not logged in' } };
    assert.deepEqual(outcomeOf(end, false), { state: 'failed', reason: 'Not logged in' });
  });

  it('explains a launch failure in the supervisor’s words, without its internal code', () => {
    const end = {
      exitCode: null,
      signal: null,
      reason: 'spawn-failed',
      message: 'could not start claude: not found on PATH',
    };
    assert.deepEqual(outcomeOf(end, false), {
      state: 'failed',
      reason: 'could not start claude: not found on PATH',
    });
    assert.deepEqual(outcomeOf({ ...end, message: null }, false), {
      state: 'failed',
      reason: 'the agent could not start',
    });
  });
});
