import assert from 'node:assert/strict';
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

  it('returns undefined when nothing is queued', () => {
    assert.equal(claim(), undefined);
  });
});
