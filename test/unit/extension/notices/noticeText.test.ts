import assert from 'node:assert/strict';
import type { Task } from '../../../../src/core/task';
import {
  ACTIONS,
  agentPausedNotice,
  finalNotice,
  pausedNotice,
  pausedTasksNotice,
  progressText,
} from '../../../../src/extension/notices/noticeText';

const task = (over: Partial<Task>): Task =>
  ({
    id: '8k2m4x7q1z9a',
    title: 'Fix the build',
    agent: 'claude',
    state: 'completed',
    reason: null,
    signal: null,
    exitCode: 0,
    startedAt: 1_000,
    endedAt: 13_000,
    cancelRequestedAt: null,
    ...over,
  }) as Task;

const result = {
  summary: 'All tests pass.\nDetails follow.',
  sessionId: 's',
  model: null,
  usage: null,
  costUsd: null,
  turns: 1,
  durationMs: 10,
  denials: [],
};

describe('extension/notices/noticeText', () => {
  it('words a followed task in place as it moves', () => {
    assert.equal(progressText(task({ state: 'queued' })), 'Queued: Fix the build');
    assert.equal(progressText(task({ state: 'blocked' }), 2), 'Waiting: Fix the build (for 2 tasks)');
    assert.equal(progressText(task({ state: 'running' })), 'Running: Fix the build (claude)');
    assert.equal(progressText(task({ state: 'running', cancelRequestedAt: 5 })), 'Cancelling: Fix the build');
  });

  it('ends a completed task with its first line, Show Output and Reply…, and Review Changes when there are changes', () => {
    assert.deepEqual(finalNotice(task({}), { result }), {
      severity: 'info',
      message: 'Completed in 12s: Fix the build — All tests pass.',
      actions: [ACTIONS.showOutput, ACTIONS.reply],
    });
    assert.deepEqual(finalNotice(task({}), { result, canReview: true }).actions, [
      ACTIONS.showOutput,
      ACTIONS.review,
      ACTIONS.reply,
    ]);
    assert.deepEqual(
      finalNotice(task({ agent: 'shell' }), {}).actions,
      [ACTIONS.showOutput],
      'no agent to reply',
    );
  });

  it('offers Retry only where it can succeed: an agent that cannot run gets Install… and Configure…', () => {
    const failed = task({ state: 'failed', exitCode: 1, reason: 'exit code 1' });
    assert.deepEqual(finalNotice(failed, {}), {
      severity: 'error',
      message: 'Failed: Fix the build — exit code 1',
      actions: [ACTIONS.showOutput, ACTIONS.retry],
    });
    const missing = task({
      state: 'failed',
      exitCode: null,
      startedAt: null,
      reason: 'claude is not installed (claude is not on PATH): install it with npm install -g x',
    });
    const notice = finalNotice(missing, { agentFix: { install: 'npm install -g x' } });
    assert.deepEqual(notice.actions, [ACTIONS.showOutput, ACTIONS.install, ACTIONS.configure]);
    assert.equal(notice.message.split('\n').length, 1);
    assert.deepEqual(finalNotice(missing, { agentFix: {} }).actions, [ACTIONS.showOutput, ACTIONS.configure]);
  });

  it('says a cancel in plain words, and warns of refused actions with a way past them', () => {
    const cancelled = finalNotice(task({ state: 'cancelled', reason: 'cancelled by user' }), {});
    assert.equal(cancelled.message, 'Cancelled by you after 12s: Fix the build');
    assert.equal(cancelled.severity, 'warning');
    assert.deepEqual(cancelled.actions, [ACTIONS.showOutput, ACTIONS.retry]);
    const refused = finalNotice(task({}), {
      result: { ...result, denials: [{ tool: 'Bash', detail: 'rm x' }] },
    });
    assert.equal(refused.severity, 'warning');
    assert.ok(refused.actions.includes(ACTIONS.runFull));
  });

  it('tells a pause at the usage limit with what comes next, Resume Now and Show Output', () => {
    assert.deepEqual(pausedNotice(task({ state: 'paused' }), 'resumes 15:00'), {
      message: 'Paused: Fix the build — claude hit its usage limit; resumes 15:00',
      actions: [ACTIONS.resumeNow, ACTIONS.showOutput],
    });
    assert.equal(
      pausedNotice(task({ state: 'paused' }), 'resets 15:00 · waits for Resume Now').message,
      'Paused: Fix the build — claude hit its usage limit; resets 15:00 · waits for Resume Now',
    );
    assert.deepEqual(agentPausedNotice({ agent: 'codex', taskId: 't1' }, 'resumes 15:00'), {
      message: 'codex hit its usage limit: its tasks wait, other agents keep running; resumes 15:00',
      actions: [ACTIONS.resumeNow, ACTIONS.showOutput],
    });
    assert.deepEqual(agentPausedNotice({ agent: 'codex', taskId: null }, 'resumes 15:00').actions, [
      ACTIONS.resumeNow,
    ]);
  });
});

describe('extension/notices/noticeText for tasks one limit stopped together', () => {
  it('counts the tasks that wait, with Resume Now and Show Tasks', () => {
    assert.deepEqual(pausedTasksNotice('claude', 3, 'resumes 15:00'), {
      message: 'claude hit its usage limit — 3 tasks wait; resumes 15:00',
      actions: [ACTIONS.resumeNow, ACTIONS.showTasks],
    });
    assert.equal(
      pausedTasksNotice('codex', 2, 'resets 15:00 · waits for Resume Now').message,
      'codex hit its usage limit — 2 tasks wait; resets 15:00 · waits for Resume Now',
    );
  });
});
