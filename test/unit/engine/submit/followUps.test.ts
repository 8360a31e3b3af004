import assert from 'node:assert/strict';
import { parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import type { Task } from '../../../../src/core/task';
import {
  DEFAULT_RESUME_PROMPT,
  pipelineSteps,
  resumeOf,
  retryOf,
} from '../../../../src/engine/submit/followUps';
import { cleanTempDirs, tempDir } from '../../store/harness';

const { config } = parseConfig({ agents: { fake: { command: 'node', args: ['${prompt}'] } } });

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
  retryOf: null,
  resumeOf: null,
  continueFrom: 'zzzzzzzzzzzz',
  cancelRequestedAt: null,
  outputBytes: 0,
  outputLines: 0,
  worktreePath: null,
  worktreeBranch: null,
  worktreeBase: null,
  worktreeAppliedAt: null,
  worktreeRemovedAt: null,
  ...overrides,
});

describe('engine/submit/followUps', () => {
  let where: { config: typeof config; workspace: string };
  beforeEach(() => {
    where = { config, workspace: tempDir() };
  });
  afterEach(cleanTempDirs);

  it('retries with the same prompt, agent, priority, folder and timeout, linked and keeping its context', () => {
    assert.deepEqual(retryOf(finished(), where), {
      prompt: 'Fix the build',
      agent: 'fake',
      priority: 'P0',
      cwd: '/',
      title: 'Fix it',
      timeoutMs: 90_000,
      retryOf: 'abcdefghjkmn',
      resumeOf: null,
      continueFrom: 'zzzzzzzzzzzz',
    });
  });

  it('resumes with the instructions as the prompt (or a default), linked by resumeOf', () => {
    const resumed = resumeOf(finished(), 'also fix the docs', where);
    assert.equal(resumed.prompt, 'also fix the docs');
    assert.equal(resumed.resumeOf, 'abcdefghjkmn');
    assert.equal(resumed.title, 'Resume: Fix it');
    assert.equal(resumed.continueFrom, undefined, 'a resume does not wait: the task already ended');
    assert.equal(resumeOf(finished(), '  ', where).prompt, DEFAULT_RESUME_PROMPT);
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
