import assert from 'node:assert/strict';
import { clock, finishedMessage, finishedSummary } from '../../../../src/extension/views/format';

describe('extension/views/format', () => {
  it('writes a time of today without the date, and the date before', () => {
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    assert.equal(clock(new Date(2026, 10, 25, 9, 5).getTime(), now), '09:05');
    assert.equal(clock(new Date(2026, 10, 3, 14, 2).getTime(), now), 'Nov 3, 14:02');
  });

  it('sums up a batch of finished tasks, leaving out the states none ended in', () => {
    const states = ['completed', 'completed', 'failed', 'completed'] as const;
    assert.equal(
      finishedSummary(states.map((state) => ({ state }))),
      '4 tasks finished: 3 completed, 1 failed',
    );
  });

  it('words a finished task’s notification with the agent’s first line and its refusals', () => {
    const task = {
      state: 'completed' as const,
      title: 'Add x.txt',
      exitCode: 0,
      signal: null,
      reason: null,
      startedAt: 1_000,
      endedAt: 13_000,
    };
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
      'Completed in 12s: Add x.txt — Created nothing. — 1 action refused: Bash "touch x.txt"',
    );
    assert.equal(finishedMessage(task, undefined), 'Completed in 12s: Add x.txt');
    assert.equal(
      finishedMessage({ ...task, state: 'failed', exitCode: 1 }, { ...result, denials: [] }),
      'Failed: Add x.txt — exit code 1 — Created nothing.',
    );
    // The reason in one line, without the supervisor's code or Markdown.
    assert.equal(
      finishedMessage(
        { ...task, state: 'failed', exitCode: null, reason: 'spawn-failed: could not start `claude`' },
        undefined,
      ),
      'Failed: Add x.txt — could not start claude',
    );
    assert.equal(
      finishedMessage({ ...task, state: 'cancelled', reason: 'cancelled by user' }, undefined),
      'Cancelled by you after 12s: Add x.txt',
    );
  });
});
