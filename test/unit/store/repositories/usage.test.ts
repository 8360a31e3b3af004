import assert from 'node:assert/strict';
import type { TaskResultColumns } from '../../../../src/store';
import { NO_RESULT } from '../../../support/usageRuns';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/usage', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  /** A task of `agent` that ran from `startedAt` and ended at `endedAt` reporting `result`. */
  function ran(
    agent: string,
    endedAt: number,
    result: Partial<TaskResultColumns> = {},
    startedAt = endedAt - 5,
  ) {
    const task = h.repos.tasks.create(newTask({ agent }), startedAt - 1);
    h.repos.tasks.markRunning(task.id, startedAt);
    h.repos.tasks.setResult(task.id, { ...NO_RESULT, ...result });
    h.repos.tasks.finish(task.id, { state: 'completed', exitCode: 0, signal: null, reason: null, endedAt });
    return task;
  }

  it("sums each agent's runs that ended in the window, most costly first, with a total", () => {
    ran('claude', 1_000, { inputTokens: 120, outputTokens: 17, cachedInputTokens: 3, costUsd: 0.00082 });
    ran('claude', 1_500, { inputTokens: 240, outputTokens: 34, costUsd: 0.00164 });
    ran('codex', 1_200, { inputTokens: 8_000, outputTokens: 500, cachedInputTokens: 6_000 });
    ran('shell', 1_300);
    ran('claude', 900, { inputTokens: 1, outputTokens: 1, costUsd: 9 }); // ended before the window
    const cancelled = h.repos.tasks.create(newTask({ agent: 'gemini' }), 950);
    h.repos.tasks.setState(cancelled.id, 'cancelled', { endedAt: 1_100 }); // never ran
    h.repos.tasks.markRunning(h.repos.tasks.create(newTask({ agent: 'gemini' }), 960).id, 1_000); // still running

    const agents = h.readOnly.usage.byAgent(1_000);
    assert.deepEqual(
      agents.map((a) => a.agent),
      ['claude', 'codex', 'shell'],
    );
    const [claude, codex, shell] = agents;
    assert.deepEqual(
      { ...claude, costUsd: Number(claude!.costUsd!.toFixed(5)) },
      {
        agent: 'claude',
        tasks: 2,
        inputTokens: 360,
        outputTokens: 51,
        cachedInputTokens: 3,
        costUsd: 0.00246,
        costedTasks: 2,
      },
    );
    assert.deepEqual(codex, {
      agent: 'codex',
      tasks: 1,
      inputTokens: 8_000,
      outputTokens: 500,
      cachedInputTokens: 6_000,
      costUsd: null,
      costedTasks: 0,
    });
    assert.deepEqual(shell, {
      agent: 'shell',
      tasks: 1,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      costUsd: null,
      costedTasks: 0,
    });
    const total = h.readOnly.usage.total(1_000);
    assert.deepEqual(
      { ...total, costUsd: Number(total.costUsd!.toFixed(5)) },
      {
        agent: 'total',
        tasks: 4,
        inputTokens: 8_360,
        outputTokens: 551,
        cachedInputTokens: 6_003,
        costUsd: 0.00246,
        costedTasks: 2,
      },
    );
    assert.equal(h.readOnly.usage.costSince(0).toFixed(5), '9.00246');
    assert.equal(h.readOnly.usage.byAgent(900).length, 3);
  });

  it('orders agents of equal cost by how many runs they had, then by name', () => {
    ran('gemini', 10);
    ran('codex', 10);
    ran('codex', 11);
    ran('aider', 12);
    assert.deepEqual(
      h.readOnly.usage.byAgent(0).map((a) => [a.agent, a.tasks]),
      [
        ['codex', 2],
        ['aider', 1],
        ['gemini', 1],
      ],
    );
  });

  it('is empty, and the total all zeros, when nothing ended in the window', () => {
    ran('claude', 10, { costUsd: 1 });
    assert.deepEqual(h.readOnly.usage.byAgent(11), []);
    assert.deepEqual(h.readOnly.usage.total(11), {
      agent: 'total',
      tasks: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      costUsd: null,
      costedTasks: 0,
    });
    assert.equal(h.readOnly.usage.costSince(11), 0);
  });
});
