import assert from 'node:assert/strict';
import { parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import type { Task } from '../../../../src/core/task';
import {
  DEFAULT_RESUME_PROMPT,
  pipelineSteps,
  replyOf,
  resumeOf,
  retryOf,
} from '../../../../src/engine/submit/followUps';
import { cleanTempDirs, tempDir } from '../../store/harness';

const { config } = parseConfig({
  agents: { fake: { command: 'node', args: ['${prompt}'], modelArgs: ['--model', '${model}'] } },
});

const finished = (overrides: Partial<Task> = {}): Task => ({
  id: 'abcdefghjkmn',
  title: 'Fix it',
  prompt: 'Fix the build',
  agent: 'fake',
  priority: 'P0',
  state: 'failed',
  cwd: '/',
  timeoutMs: 90_000,
  createdAt: 1,
  startedAt: 2,
  endedAt: 3,
  exitCode: 1,
  signal: null,
  reason: 'exit code 1',
  resumeAt: null,
  limitResumes: 0,
  retryOf: null,
  resumeOf: null,
  continueFrom: 'zzzzzzzzzzzz',
  replyTo: null,
  autonomy: 'read-only',
  model: 'big-model',
  sessionId: null,
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  costUsd: null,
  turns: null,
  denialCount: null,
  cancelRequestedAt: null,
  outputBytes: 0,
  outputLines: 0,
  worktreePath: null,
  worktreeBranch: null,
  worktreeBase: null,
  worktreeAppliedAt: null,
  worktreeRemovedAt: null,
  createdBy: null,
  ...overrides,
});

describe('engine/submit/followUps', () => {
  let where: { config: typeof config; workspace: string };
  beforeEach(() => {
    where = { config, workspace: tempDir() };
  });
  afterEach(cleanTempDirs);

  it('retries with the same prompt, agent, priority, folder, timeout, autonomy and model, keeping its links, numbered in the title', () => {
    assert.deepEqual(retryOf(finished({ replyTo: 'yyyyyyyyyyyy' }), where), {
      prompt: 'Fix the build',
      agent: 'fake',
      priority: 'P0',
      cwd: '/',
      title: 'Fix it (retry 1)',
      timeoutMs: 90_000,
      autonomy: 'read-only',
      model: 'big-model',
      retryOf: 'abcdefghjkmn',
      resumeOf: null,
      continueFrom: 'zzzzzzzzzzzz',
      replyTo: 'yyyyyyyyyyyy',
    });
    const full = retryOf(finished(), where, { autonomy: 'full' });
    assert.deepEqual([full.autonomy, full.model, full.retryOf], ['full', 'big-model', 'abcdefghjkmn']);
    const old = retryOf(finished({ autonomy: null, model: null }), where);
    assert.deepEqual(
      [old.autonomy, old.model],
      ['edit', null],
      'a task from before levels takes the default',
    );
  });

  it('replies with the message as the prompt, the same agent and folder, and the autonomy unless given', () => {
    const reply = replyOf(finished(), 'now add a test', {}, where);
    assert.deepEqual(
      [reply.prompt, reply.agent, reply.cwd, reply.autonomy, reply.model, reply.replyTo, reply.title],
      ['now add a test', 'fake', '/', 'read-only', 'big-model', 'abcdefghjkmn', 'now add a test'],
    );
    assert.equal(reply.continueFrom, undefined, 'a reply does not wait: the task already ended');
    const given = replyOf(finished(), 'go', { autonomy: 'full', model: 'small' }, where);
    assert.deepEqual([given.autonomy, given.model], ['full', 'small']);
    assert.throws(
      () => replyOf(finished(), 'go', { autonomy: 'all' }, where),
      /bad autonomy "all": use read-only, edit or full/,
    );
    assert.throws(() => replyOf(finished(), '  ', {}, where), /the reply is empty/);
    for (const state of ['queued', 'blocked', 'running'] as const) {
      assert.throws(
        () => replyOf(finished({ state }), 'go', {}, where),
        (err) =>
          isDispatchError(err, 'invalid-input') &&
          err.message ===
            `task abcdefghjkmn is still ${state}: reply once it has ended (dispatch wait abcdefghjkmn)`,
      );
    }
  });

  it('resumes with the instructions as the prompt (or a default), linked by resumeOf', () => {
    const resumed = resumeOf(finished(), 'also fix the docs', where);
    assert.equal(resumed.prompt, 'also fix the docs');
    assert.equal(resumed.resumeOf, 'abcdefghjkmn');
    assert.equal(resumed.title, 'Resume: Fix it');
    assert.deepEqual([resumed.autonomy, resumed.model], ['read-only', 'big-model']);
    assert.equal(resumed.continueFrom, undefined, 'a resume does not wait: the task already ended');
    assert.equal(resumeOf(finished(), '  ', where).prompt, DEFAULT_RESUME_PROMPT);
  });

  it('refuses to resume a shell task: it has no agent, and its context would run as commands', () => {
    for (const state of ['completed', 'failed', 'running'] as const) {
      assert.throws(
        () => resumeOf(finished({ agent: 'shell', state }), 'more', where),
        /^DispatchError: a shell task has no agent to continue: use `dispatch retry abcdefghjkmn` to run the command again$/,
      );
    }
  });

  it('retries at another autonomy when asked (Run again with full autonomy), and refuses a bad one', () => {
    assert.equal(retryOf(finished(), where, { autonomy: 'full' }).autonomy, 'full');
    assert.throws(() => retryOf(finished(), where, { autonomy: 'yolo' }), /bad autonomy "yolo"/);
  });

  it('refuses to retry or resume a task that has not ended', () => {
    for (const state of ['queued', 'blocked', 'running'] as const) {
      assert.throws(
        () => retryOf(finished({ state }), where),
        (err) =>
          isDispatchError(err, 'invalid-input') &&
          new RegExp(`is ${state}; only a finished`).test(err.message),
      );
      assert.throws(
        () => resumeOf(finished({ state }), undefined, where),
        /only a finished task can be resumed/,
      );
    }
  });

  it('refuses a retry whose agent is gone from the settings', () => {
    assert.throws(() => retryOf(finished({ agent: 'old' }), where), /unknown agent "old"/);
  });

  it('validates pipeline steps with the options as defaults, naming a bad step', () => {
    const steps = pipelineSteps(
      [{ prompt: 'one' }, { prompt: 'two', priority: 'P2' }],
      { agent: 'fake', priority: 'P0' },
      where,
    );
    assert.deepEqual(
      steps.map((s) => [s.prompt, s.agent, s.priority]),
      [
        ['one', 'fake', 'P0'],
        ['two', 'fake', 'P2'],
      ],
    );
    assert.throws(
      () => pipelineSteps([{ prompt: 'a' }, { prompt: 'b' }, { prompt: ' ' }], { agent: 'fake' }, where),
      (err) => isDispatchError(err, 'invalid-input') && /^step 3: the prompt is empty/.test(err.message),
    );
  });

  it('takes 2 to 20 steps', () => {
    const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `s${i}` }));
    assert.throws(() => pipelineSteps(steps(1), { agent: 'fake' }, where), /2 to 20 steps, got 1/);
    assert.throws(() => pipelineSteps(steps(21), { agent: 'fake' }, where), /2 to 20 steps, got 21/);
    assert.equal(pipelineSteps(steps(20), { agent: 'fake' }, where).length, 20);
  });
});
