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
  it('says how long a task has waited, run, or took', () => {
    assert.equal(timingText(task({ state: 'queued', createdAt: 1000 }), 13_000), 'queued for 12s');
    assert.match(timingText(task({ startedAt: 0 }), 65_000), /^running for 1m 05s · started \d\d:\d\d:\d\d$/);
    assert.match(
      timingText(task({ state: 'completed', startedAt: 0, endedAt: 9_000 }), 99_999),
      /^ended .* · took 9s$/,
    );
  });

  it('states the outcome without repeating what the reason already says', () => {
    assert.equal(outcomeText(task({})), '');
    assert.equal(outcomeText(task({ state: 'completed', exitCode: 0 })), 'exit 0');
    assert.equal(outcomeText(task({ state: 'failed', exitCode: 3, reason: 'exit code 3' })), 'exit 3');
    assert.equal(
      outcomeText(task({ state: 'failed', signal: 'SIGTERM', reason: 'timeout' })),
      'killed by SIGTERM · timeout',
    );
    assert.equal(outcomeText(task({ state: 'cancelled', reason: 'cancelled by user' })), 'cancelled by user');
    assert.equal(outcomeText(task({ state: 'cancelled' })), 'cancelled');
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
