import assert from 'node:assert/strict';
import { clock, finishedMessage, finishedSummary, outcome } from '../../../../src/extension/views/format';

describe('extension/views/format', () => {
  it('writes a time of today without the date, and the date before', () => {
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    assert.equal(clock(new Date(2026, 10, 25, 9, 5).getTime(), now), '09:05');
    assert.equal(clock(new Date(2026, 10, 3, 14, 2).getTime(), now), 'Nov 3, 14:02');
  });

  it('says how a task ended: the reason first, then the signal, then the exit code', () => {
    const base = { exitCode: null, signal: null, reason: null };
    assert.equal(outcome({ ...base, state: 'completed', exitCode: 0 }), undefined);
    assert.equal(outcome({ ...base, state: 'failed', exitCode: 1, reason: 'timeout' }), 'timeout');
    assert.equal(outcome({ ...base, state: 'failed', signal: 'SIGKILL' }), 'SIGKILL');
    assert.equal(outcome({ ...base, state: 'failed', exitCode: 2 }), 'exit 2');
  });

  it('sums up a batch of finished tasks, leaving out the states none ended in', () => {
    const states = ['completed', 'completed', 'failed', 'completed'] as const;
    assert.equal(
      finishedSummary(states.map((state) => ({ state }))),
      '4 tasks finished: 3 completed, 1 failed',
    );
  });

  it('words a finished task’s notification with the agent’s first line and its refusals', () => {
    const task = { state: 'completed' as const, title: 'Add x.txt', exitCode: 0, signal: null, reason: null };
    const result = {
      summary: '\nCreated nothing.\nThe second line stays out.',
      sessionId: 's',
      model: null,
      usage: null,
      costUsd: null,
      turns: 1,
      durationMs: 10,
      denials: [{ tool: 'Bash', detail: 'touch x.txt' }],
    };
    assert.equal(
      finishedMessage(task, result),
      'Completed: Add x.txt — Created nothing. — 1 action refused: Bash `touch x.txt`',
    );
    assert.equal(finishedMessage(task, undefined), 'Completed: Add x.txt');
    assert.equal(
      finishedMessage({ ...task, state: 'failed', exitCode: 1 }, { ...result, denials: [] }),
      'Failed: Add x.txt (exit 1) — Created nothing.',
    );
  });
});
