import assert from 'node:assert/strict';
import type { Loop } from '../../../../src/core/loop';
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
    const lines = taskWords(task, { result }).split('\n');
    assert.equal(lines[1], 'State: completed');
    assert.match(lines[2]!, /^1 action refused: Bash "touch x.txt" \(the task needs more autonomy/);
    assert.equal(lines[3], 'Usage: 1,200 tokens in, 34 out · $0.01');
    assert.deepEqual(lines.slice(-3), ['Summary from the agent:', 'Fixed it.', 'All tests pass.']);
  });

  it('says when a running agent is retrying', () => {
    const words = taskWords(
      { ...task, state: 'running' },
      { retry: { attempt: 3, max: 10, message: 'overloaded', at: 1 } },
    );
    assert.match(words, /^The agent is retrying \(3\/10\): overloaded$/m);
  });

  it('names the loop of an iteration, which iteration it is and how its check went', () => {
    const loop: Loop = {
      id: 'loopabcdefgh',
      title: 'fix the parser',
      prompt: 'fix the parser',
      agent: 'claude',
      cwd: '/w',
      untilCommand: 'npm test',
      evalCommand: null,
      direction: null,
      target: null,
      maxIterations: 5,
      state: 'running',
      reason: null,
      bestTaskId: null,
      bestScore: null,
      createdAt: 1,
      endedAt: null,
    };
    const iteration = {
      loopId: loop.id,
      number: 2,
      taskId: task.id,
      checkExit: 1,
      checkProblem: null,
      score: null,
      checkedAt: 4,
    };
    const lines = taskWords(task, { iteration: { loop, iteration } }).split('\n');
    assert.deepEqual(lines.slice(2), [
      'Loop: iteration 2 of 5 of loop loopabcdefgh (running); every iteration: dispatch_loop_status with loopId "loopabcdefgh"',
      'Check: until npm test: exit 1',
    ]);
    const queued = taskWords(
      { ...task, state: 'queued' },
      { iteration: { loop, iteration: { ...iteration, checkExit: null } } },
    );
    assert.match(queued, /^Check: until npm test: not run yet$/m);
  });

  it('says where a worktree task runs and what to do with its changes, by how far it got', () => {
    const worktree = {
      ...task,
      worktreePath: '/w/.vscode/dispatch/worktrees/abcdefghijkl',
      worktreeBranch: 'dispatch/abcdefghijkl',
      worktreeBase: 'f'.repeat(40),
    };
    const where = 'Worktree: /w/.vscode/dispatch/worktrees/abcdefghijkl (branch dispatch/abcdefghijkl)';
    const review = 'review its changes with dispatch_diff, then dispatch_apply or dispatch_discard';
    const line = (t: Task, changes?: { files: number; insertions: number; deletions: number }) =>
      taskWords(t, { changes }).split('\n')[2];
    assert.equal(line({ ...worktree, state: 'running' }), `${where}; once the task ended, ${review}`);
    assert.equal(
      line(worktree, { files: 2, insertions: 3, deletions: 1 }),
      `${where}; 2 files changed, +3 -1, not applied yet: ${review}`,
    );
    assert.equal(line(worktree, { files: 0, insertions: 0, deletions: 0 }), `${where}; no changes`);
    assert.equal(line(worktree), `${where}; ${review}`);
    assert.equal(
      line({ ...worktree, worktreeAppliedAt: 5 }),
      `${where}; its changes were applied to the workspace`,
    );
    assert.equal(line({ ...worktree, worktreeRemovedAt: 6 }), `${where}, discarded`);
    assert.ok(!taskWords(task).includes('Worktree'), 'a task in its folder says nothing of worktrees');
  });
});
