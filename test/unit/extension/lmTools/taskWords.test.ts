import assert from 'node:assert/strict';
import type { TaskResult } from '../../../../src/core/results';
import type { Task } from '../../../../src/core/task';
import { taskWords } from '../../../../src/extension/lmTools/taskWords';

const task: Task = {
  id: 'abcdefghijkl',
  title: 'fix the parser',
  prompt: 'fix the parser',
  agent: 'claude',
  priority: 'P1',
  state: 'completed',
  cwd: '/w',
  timeoutMs: null,
  createdAt: 1,
  startedAt: 2,
  endedAt: 3,
  exitCode: 0,
  signal: null,
  reason: null,
  resumeAt: null,
  limitResumes: 0,
  retryOf: null,
  resumeOf: null,
  continueFrom: null,
  replyTo: null,
  autonomy: 'edit',
  model: null,
  sessionId: null,
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  costUsd: null,
  turns: null,
  denialCount: null,
  cancelRequestedAt: null,
  worktreePath: null,
  worktreeBranch: null,
  worktreeBase: null,
  worktreeAppliedAt: null,
  worktreeRemovedAt: null,
  createdBy: null,
  outputBytes: 0,
  outputLines: 0,
};

const result: TaskResult = {
  summary: 'Fixed it.\nAll tests pass.',
  sessionId: 's',
  model: 'm',
  usage: { inputTokens: 1200, outputTokens: 34 },
  costUsd: 0.0123,
  turns: 2,
  durationMs: 100,
  denials: [{ tool: 'Bash', detail: 'touch x.txt' }],
};

describe('extension/lmTools/taskWords', () => {
  it('says the task, its state and why it ended, in lines a model reads', () => {
    const failed = taskWords({ ...task, state: 'failed', reason: 'timeout' });
    assert.equal(
      failed,
      'Task abcdefghijkl (claude, P1, autonomy edit): fix the parser\nState: failed (timeout)',
    );
  });

  it("adds the agent's refusals, usage and whole summary once it reported them", () => {
    const lines = taskWords(task, result).split('\n');
    assert.equal(lines[1], 'State: completed');
    assert.match(lines[2]!, /^1 action refused: Bash "touch x.txt" \(the task needs more autonomy/);
    assert.equal(lines[3], 'Usage: 1,200 tokens in, 34 out · $0.01');
    assert.deepEqual(lines.slice(-3), ['Summary from the agent:', 'Fixed it.', 'All tests pass.']);
  });

  it('says when a running agent is retrying', () => {
    const words = taskWords({ ...task, state: 'running' }, undefined, {
      attempt: 3,
      max: 10,
      message: 'overloaded',
      at: 1,
    });
    assert.match(words, /^The agent is retrying \(3\/10\): overloaded$/m);
  });
});
