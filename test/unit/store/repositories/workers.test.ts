import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import type { WorkerRecord } from '../../../../src/core/task';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

const worker = (taskId: string, over: Partial<WorkerRecord> = {}): WorkerRecord => ({
  taskId,
  ownerId: 'engine-a',
  host: 'host-a',
  claimedAt: 100,
  startedAt: null,
  supervisorPid: null,
  supervisorStart: null,
  agentPid: null,
  agentStart: null,
  ...over,
});

describe('store/repositories/workers', () => {
  let h: RepoHarness;
  let taskId: string;
  beforeEach(async () => {
    h = await repoHarness();
    taskId = h.repos.tasks.create(newTask(), 1).id;
  });
  afterEach(cleanTempDirs);

  it('claims a task once; a second claim is an error and the first claim stands', () => {
    h.repos.workers.claim(worker(taskId));
    assert.throws(
      () => h.repos.workers.claim(worker(taskId, { ownerId: 'engine-b' })),
      (err) => isDispatchError(err, 'already-claimed') && err.message.includes('engine-a'),
    );
    assert.equal(h.repos.workers.get(taskId)?.ownerId, 'engine-a');
    assert.equal(h.repos.workers.countRunning(), 1);
  });

  it('refuses a claim of a task that does not exist, and a malformed record', () => {
    assert.throws(
      () => h.repos.workers.claim(worker('nope00000000')),
      (err) => isDispatchError(err, 'not-found'),
    );
    assert.throws(() => h.repos.workers.claim(worker(taskId, { ownerId: '' })));
  });

  it('records the launched processes and an adopting owner', () => {
    h.repos.workers.claim(worker(taskId));
    assert.equal(
      h.repos.workers.setLaunched(taskId, {
        supervisorPid: 10,
        supervisorStart: 's',
        agentPid: 11,
        agentStart: 'a',
        startedAt: 150,
      }),
      true,
    );
    assert.equal(h.repos.workers.setOwner(taskId, 'engine-b'), true);
    assert.deepEqual(
      h.repos.workers.get(taskId),
      worker(taskId, {
        ownerId: 'engine-b',
        startedAt: 150,
        supervisorPid: 10,
        supervisorStart: 's',
        agentPid: 11,
        agentStart: 'a',
      }),
    );
    assert.deepEqual(h.repos.workers.list(), [h.repos.workers.get(taskId)]);
  });

  it('says false when the claim is already gone', () => {
    assert.equal(
      h.repos.workers.setLaunched(taskId, { supervisorPid: 1, supervisorStart: null, startedAt: 1 }),
      false,
    );
    assert.equal(h.repos.workers.setOwner(taskId, 'x'), false);
    assert.equal(h.repos.workers.remove(taskId), false);
    h.repos.workers.claim(worker(taskId));
    assert.equal(h.repos.workers.remove(taskId), true);
    assert.equal(h.repos.workers.countRunning(), 0);
  });

  it('counts workers still settling: claimed or launched since a time', () => {
    const other = h.repos.tasks.create(newTask(), 2).id;
    const third = h.repos.tasks.create(newTask(), 3).id;
    h.repos.workers.claim(worker(taskId, { claimedAt: 100 }));
    h.repos.workers.claim(worker(other, { claimedAt: 100, startedAt: 500 }));
    h.repos.workers.claim(worker(third, { claimedAt: 400 }));
    assert.equal(h.repos.workers.settlingCount(300), 2);
    assert.equal(h.repos.workers.settlingCount(50), 3);
    assert.equal(h.repos.workers.settlingCount(600), 0);
  });

  it('refuses changes through read-only repositories', () => {
    assert.throws(
      () => h.readOnly.workers.claim(worker(taskId)),
      (err) => isDispatchError(err, 'invalid-input'),
    );
  });
});
