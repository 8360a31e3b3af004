import assert from 'node:assert/strict';
import { overBudget } from '../../../../src/store';
import { NO_RESULT } from '../../../support/usageRuns';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/claim', () => {
  let h: RepoHarness;
  const claim = (over: Partial<Parameters<RepoHarness['repos']['claimNext']>[0]> = {}) =>
    h.repos.claimNext({ ownerId: 'engine-a', host: 'here', maxWorkers: 2, now: 50, ...over });
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  it('claims the next runnable task: RUNNING, with a worker row owned by the claimer', () => {
    h.repos.tasks.create(newTask({ priority: 'P2' }), 1);
    const urgent = h.repos.tasks.create(newTask({ priority: 'P0' }), 2);
    const task = claim();
    assert.equal(task?.id, urgent.id);
    assert.deepEqual([task?.state, task?.startedAt], ['running', 50]);
    assert.deepEqual(h.repos.workers.get(urgent.id), {
      taskId: urgent.id,
      ownerId: 'engine-a',
      host: 'here',
      claimedAt: 50,
      startedAt: null,
      supervisorPid: null,
      supervisorStart: null,
      agentPid: null,
      agentStart: null,
    });
  });

  it("stops at the global cap, counting every engine's workers", () => {
    for (let i = 0; i < 4; i++) h.repos.tasks.create(newTask(), i);
    assert.ok(claim({ ownerId: 'engine-a' }));
    assert.ok(claim({ ownerId: 'engine-b' }));
    assert.equal(claim({ ownerId: 'engine-c' }), undefined);
    assert.equal(h.repos.tasks.counts().queued, 2);
  });

  it('asks admission with the running count, and leaves the task queued when refused', () => {
    h.repos.tasks.create(newTask(), 1);
    const asked: number[] = [];
    const admit = (running: number) => {
      asked.push(running);
      return false;
    };
    assert.equal(claim({ admit }), undefined);
    assert.deepEqual(asked, [0]);
    assert.equal(h.repos.tasks.counts().queued, 1);
    assert.equal(h.repos.workers.countRunning(), 0);
  });

  it('skips an agent at its cap to the next task of an agent with room, in priority order', () => {
    const a1 = h.repos.tasks.create(newTask({ agent: 'claude', priority: 'P0' }), 1);
    const a2 = h.repos.tasks.create(newTask({ agent: 'claude', priority: 'P0' }), 2);
    const b1 = h.repos.tasks.create(newTask({ agent: 'codex', priority: 'P2' }), 3);
    const c1 = h.repos.tasks.create(newTask({ agent: 'shell', priority: 'P2' }), 4);
    const agentCaps = { claude: 1, codex: 1 };
    assert.equal(claim({ agentCaps, maxWorkers: 8, ownerId: 'engine-a' })?.id, a1.id);
    // Another engine: claude is at its cap there too, so the older P0 claude task waits.
    assert.equal(claim({ agentCaps, maxWorkers: 8, ownerId: 'engine-b' })?.id, b1.id);
    assert.equal(claim({ agentCaps, maxWorkers: 8, ownerId: 'engine-b' })?.id, c1.id);
    assert.equal(claim({ agentCaps, maxWorkers: 8 }), undefined);
    assert.equal(h.repos.tasks.get(a2.id)?.state, 'queued');
    assert.deepEqual([...h.repos.workers.runningByAgent()].sort(), [
      ['claude', 1],
      ['codex', 1],
      ['shell', 1],
    ]);
    // The claude task ends: its worker row goes, and the waiting one is next.
    h.repos.tasks.finish(a1.id, { state: 'completed', reason: null, exitCode: 0, signal: null, endedAt: 60 });
    h.repos.workers.remove(a1.id);
    assert.equal(claim({ agentCaps, maxWorkers: 8 })?.id, a2.id);
  });

  it('counts a cap of 2 and leaves agents without a cap to the global cap alone', () => {
    for (let i = 0; i < 3; i++) h.repos.tasks.create(newTask({ agent: 'claude' }), i);
    for (let i = 0; i < 2; i++) h.repos.tasks.create(newTask({ agent: 'shell' }), 10 + i);
    const agentCaps = { claude: 2 };
    const agents = [1, 2, 3, 4].map(() => claim({ agentCaps, maxWorkers: 8 })?.agent);
    assert.deepEqual(agents, ['claude', 'claude', 'shell', 'shell']);
    assert.equal(claim({ agentCaps, maxWorkers: 8 }), undefined);
    assert.equal(h.repos.tasks.counts().queued, 1);
  });

  it('starts nothing once the cost reported since the day began reaches the daily budget', () => {
    const spent = h.repos.tasks.create(newTask({ agent: 'claude' }), 1);
    h.repos.tasks.markRunning(spent.id, 2);
    h.repos.tasks.setResult(spent.id, { ...NO_RESULT, costUsd: 4.5 });
    h.repos.tasks.finish(spent.id, {
      state: 'completed',
      exitCode: 0,
      signal: null,
      reason: null,
      endedAt: 40,
    });
    h.repos.workers.remove(spent.id);
    const waiting = h.repos.tasks.create(newTask(), 41);
    // Under the budget, or the cost was reported before today began: the task starts.
    assert.equal(overBudget(h.repos.usage, { dailyUsd: 5, dayStart: 0 }), undefined);
    assert.deepEqual(overBudget(h.repos.usage, { dailyUsd: 4.5, dayStart: 0 }), {
      dailyUsd: 4.5,
      spentUsd: 4.5,
    });
    assert.equal(overBudget(h.repos.usage, { dailyUsd: 4.5, dayStart: 41 }), undefined);
    assert.equal(claim({ budget: { dailyUsd: 4, dayStart: 0 } }), undefined);
    assert.equal(h.repos.tasks.get(waiting.id)?.state, 'queued');
    assert.equal(h.repos.workers.countRunning(), 0);
    // The next day (a new dayStart), or a raised budget, lets it start.
    assert.equal(claim({ budget: { dailyUsd: 4.6, dayStart: 0 } })?.id, waiting.id);
  });

  it('returns undefined when nothing is queued', () => {
    assert.equal(claim(), undefined);
  });
});
