import assert from 'node:assert/strict';
import { taskDescription, taskLabel, taskLead, workerLabel } from '../../../../src/extension/views/rowText';

const at = (h: number, m: number, s = 0) => new Date(2026, 10, 25, h, m, s).getTime();
const NOW = at(15, 0);

const task = (over: Partial<Parameters<typeof taskLabel>[0]> = {}): Parameters<typeof taskLabel>[0] => ({
  id: '8k2m4x7q1z9a',
  title: 'Add unit tests for the date parser',
  agent: 'claude',
  state: 'completed',
  autonomy: 'edit',
  priority: 'P1',
  createdAt: at(14, 0),
  startedAt: at(14, 1),
  endedAt: at(14, 2, 5),
  cancelRequestedAt: null,
  reason: null,
  signal: null,
  exitCode: 0,
  denialCount: null,
  resumeAt: null,
  ...over,
});

describe('extension/views/rowText', () => {
  it('says a paused task waits out its usage limit, and when it resumes', () => {
    const paused = task({ state: 'paused', endedAt: null, resumeAt: at(15, 30) });
    assert.equal(
      taskDescription(paused, NOW, undefined, undefined, 'resumes 15:30'),
      'edit · usage limit · resumes 15:30',
    );
    assert.match(taskDescription(paused, NOW), /^edit · usage limit · resumes/);
    assert.equal(
      taskDescription(paused, NOW, undefined, undefined, 'resets 15:30 · waits for Resume Now'),
      'edit · usage limit · resets 15:30 · waits for Resume Now',
    );
  });

  it('leads a paused row with the agent alone: its run only met the limit, it did not take "0s"', () => {
    // As the store keeps a paused task: its run's start and end (here the same second).
    const paused = task({ state: 'paused', startedAt: at(14, 1), endedAt: at(14, 1), resumeAt: at(15, 30) });
    assert.equal(taskLead(paused, NOW), 'claude');
    assert.equal(taskLabel(paused, NOW), 'claude · Add unit tests for the date parser');
    assert.equal(taskLead(task({ state: 'paused', endedAt: at(14, 3) }), NOW), 'claude');
  });

  it('leads a row with the agent and its time, so a narrow side bar still shows them', () => {
    assert.equal(taskLabel(task(), NOW), 'claude 1m 05s · Add unit tests for the date parser');
    assert.equal(
      taskLead(task({ state: 'running', endedAt: null, startedAt: NOW - 12_000 }), NOW),
      'claude 12s',
    );
    assert.equal(
      taskLead(task({ state: 'running', endedAt: null, cancelRequestedAt: NOW }), NOW),
      'claude cancelling…',
    );
    assert.equal(taskLead(task({ state: 'queued', startedAt: null, endedAt: null }), NOW), 'claude');
    assert.equal(
      workerLabel({ agent: 'codex', title: 'Fix it', id: 'x', cancelRequestedAt: null }, 65_000),
      'codex 1m 05s · Fix it',
    );
  });

  it('describes the rest, least needed last, in plain words', () => {
    assert.equal(taskDescription(task(), NOW), 'edit · 14:02');
    assert.equal(
      taskDescription(task({ state: 'failed', exitCode: 1, reason: 'exit code 1', priority: 'P0' }), NOW),
      'edit · P0 · exit code 1 · 14:02',
    );
    assert.equal(
      taskDescription(task({ state: 'cancelled', reason: 'cancelled by user', startedAt: null }), NOW),
      'edit · cancelled before it started · 14:02',
    );
    assert.equal(
      taskDescription(task({ state: 'blocked', startedAt: null, endedAt: null }), NOW, ['a1', 'b2']),
      'edit · waits for a1 +1',
    );
    assert.equal(
      taskDescription(task({ state: 'queued', startedAt: null, endedAt: null }), NOW),
      'edit · queued 14:00',
    );
  });
});
