import assert from 'node:assert/strict';
import type { TaskSummary } from '../../../src/protocol/outputPanel';
import {
  canCancel,
  configText,
  isFinished,
  outcomeText,
  replyPlaceholder,
  timingText,
} from '../../../webview-ui/src/format';

const task = (over: Partial<TaskSummary>): TaskSummary => ({
  id: 't1',
  title: 'Fix the flaky test',
  agent: 'claude',
  state: 'running',
  priority: 'normal',
  createdAt: 0,
  startedAt: null,
  endedAt: null,
  exitCode: null,
  signal: null,
  reason: null,
  runningIn: null,
  autonomy: null,
  model: null,
  structured: false,
  result: null,
  retrying: null,
  replyTo: null,
  canReply: false,
  worktree: null,
  ...over,
});

describe('webview/format', () => {
  it('says when a task paused at its usage limit resumes, why, and that it can be cancelled', () => {
    const paused = task({
      state: 'paused',
      startedAt: 0,
      endedAt: 9_000,
      pausedWords: 'resumes 15:00',
      exitCode: 1,
      reason: "usage-limit: You've hit your 5-hour limit · resets 3pm",
    });
    assert.match(timingText(paused, 10_000), /^paused \d\d:\d\d:\d\d · resumes 15:00$/);
    // The host's words (Engine.pausedWords), so with autoResume off the header says what the Tasks row says.
    const waiting = { ...paused, pausedWords: 'resets 15:00 · waits for Resume Now' };
    assert.match(
      timingText(waiting, 10_000),
      /^paused \d\d:\d\d:\d\d · resets 15:00 · waits for Resume Now$/,
    );
    assert.equal(
      timingText(task({ state: 'paused', pausedWords: null }), 1),
      'paused · waits for Resume Now',
    );
    assert.equal(outcomeText(paused), "usage-limit: You've hit your 5-hour limit · resets 3pm");
    assert.equal(isFinished(paused), false);
    assert.equal(canCancel(paused), true);
  });

  it('says how long a task has waited, run, or took', () => {
    assert.equal(timingText(task({ state: 'queued', createdAt: 1000 }), 13_000), 'queued for 12s');
    assert.match(timingText(task({ startedAt: 0 }), 65_000), /^running for 1m 05s · started \d\d:\d\d:\d\d$/);
    assert.match(
      timingText(task({ state: 'completed', startedAt: 0, endedAt: 9_000 }), 99_999),
      /^ended \d\d:\d\d:\d\d$/,
    );
  });

  it('says how the task ended in plain words', () => {
    assert.equal(outcomeText(task({})), '');
    const ran = { startedAt: 0, endedAt: 12_000 };
    assert.equal(outcomeText(task({ state: 'completed', exitCode: 0, ...ran })), 'Completed in 12s');
    assert.equal(
      outcomeText(task({ state: 'failed', exitCode: 3, reason: 'exit code 3', ...ran })),
      'Failed after 12s: exit code 3',
    );
    assert.equal(
      outcomeText(task({ state: 'failed', signal: 'SIGTERM', reason: 'timeout', ...ran })),
      'Timed out after 12s',
    );
    assert.equal(
      outcomeText(task({ state: 'cancelled', signal: 'SIGTERM', reason: 'cancelled by user', ...ran })),
      'Cancelled by you after 12s',
    );
    assert.equal(outcomeText(task({ state: 'cancelled' })), 'Cancelled by you before it started');
    assert.equal(
      outcomeText(task({ state: 'failed', reason: 'spawn-failed: could not start `claude`: not found' })),
      'Failed: could not start claude: not found',
    );
  });

  it('offers Cancel until the task finishes and Retry after', () => {
    for (const state of ['queued', 'blocked', 'running'] as const) {
      assert.ok(canCancel(task({ state })));
      assert.ok(!isFinished(task({ state })));
    }
    for (const state of ['completed', 'failed', 'cancelled'] as const) {
      assert.ok(!canCancel(task({ state })));
      assert.ok(isFinished(task({ state })));
    }
  });

  it('shows the autonomy and a chosen model, and names the agent in the reply box', () => {
    assert.equal(configText(task({ autonomy: 'full', model: 'opus' })), 'autonomy full · model opus');
    assert.equal(configText(task({ autonomy: 'edit' })), 'autonomy edit');
    assert.equal(configText(task({})), '');
    assert.match(replyPlaceholder(task({ agent: 'codex' })), /^Reply to codex…/);
  });
});
