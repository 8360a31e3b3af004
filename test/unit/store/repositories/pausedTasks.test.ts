import assert from 'node:assert/strict';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/pausedTasks', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  /** A task of `agent` that ran and was paused at its limit until `resumeAt`. */
  function pausedTask(agent: string, resumeAt: number, at = 10) {
    const task = h.repos.tasks.create(newTask({ agent }), at);
    h.repos.tasks.markRunning(task.id, at + 1);
    h.repos.workers.claim({
      taskId: task.id,
      ownerId: 'e',
      host: 'h',
      claimedAt: at + 1,
      startedAt: at + 1,
      supervisorPid: 1,
      supervisorStart: 's',
      agentPid: 2,
      agentStart: 'a',
    });
    return h.repos.paused.pause(task.id, {
      exitCode: 1,
      signal: null,
      reason: 'usage-limit: x',
      endedAt: at + 5,
      resumeAt,
    });
  }

  it('pauses a running task with its run’s end and resume time, and frees its slot', () => {
    const task = pausedTask('claude', 500);
    assert.equal(task.state, 'paused');
    assert.deepEqual(
      [task.resumeAt, task.endedAt, task.exitCode, task.reason, task.limitResumes],
      [500, 15, 1, 'usage-limit: x', 0],
    );
    assert.equal(h.repos.workers.get(task.id), undefined);
    assert.equal(h.repos.tasks.counts().paused, 1);
    assert.deepEqual(h.repos.tasks.countsByAgent(['paused', 'queued']).get('claude'), { paused: 1 });
  });

  it('resumes a paused task once: compare-and-set on its state and due time', () => {
    const task = pausedTask('claude', 500);
    assert.equal(h.repos.paused.nearestResumeAt(), 500);
    assert.deepEqual(h.repos.paused.due(499), []);
    assert.equal(h.repos.paused.resume(task.id, 499), false, 'not due yet');
    assert.deepEqual(
      h.repos.paused.due(500).map((t) => t.id),
      [task.id],
    );
    assert.equal(h.repos.paused.resume(task.id, 500), true);
    assert.equal(h.repos.paused.resume(task.id, 500), false, 'a second resume changes nothing');
    const queued = h.repos.tasks.get(task.id)!;
    assert.deepEqual(
      [queued.state, queued.resumeAt, queued.limitResumes, queued.reason, queued.endedAt, queued.startedAt],
      ['queued', null, 1, null, null, null],
    );
    assert.equal(h.repos.paused.nearestResumeAt(), null);
  });

  it('resumes a paused task now, whenever it is due, and cancels one', () => {
    const now = pausedTask('claude', 10_000);
    assert.equal(h.repos.paused.resume(now.id), true);
    const doomed = pausedTask('codex', 10_000, 20);
    h.repos.tasks.requestCancel(doomed.id, 30);
    assert.equal(h.repos.tasks.get(doomed.id)?.state, 'cancelled');
    assert.equal(h.repos.tasks.get(doomed.id)?.resumeAt, null);
  });
});
