import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/agentPauses and paused tasks', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  const pause = (agent: string, resumeAt: number, reason = `usage-limit: ${agent}`) =>
    h.repos.agentPauses.pause({ agent, resumeAt, pausedAt: 1, reason, taskId: null });

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
    return h.repos.tasks.pause(task.id, {
      exitCode: 1,
      signal: null,
      reason: 'usage-limit: x',
      endedAt: at + 5,
      resumeAt,
    });
  }

  it('keeps one pause per agent, moved only later', () => {
    pause('claude', 100, 'first');
    pause('claude', 50, 'earlier');
    assert.equal(h.repos.agentPauses.get('claude')?.resumeAt, 100);
    assert.equal(h.repos.agentPauses.get('claude')?.reason, 'first');
    pause('claude', 200, 'later');
    assert.deepEqual(h.repos.agentPauses.get('claude'), {
      agent: 'claude',
      resumeAt: 200,
      pausedAt: 1,
      reason: 'later',
      taskId: null,
    });
  });

  it('lists the pauses in force, clears the ended ones and lifts one', () => {
    pause('claude', 100);
    pause('codex', 300);
    pause('gemini', 200);
    assert.deepEqual(
      h.repos.agentPauses.active(150).map((p) => p.agent),
      ['gemini', 'codex'],
    );
    assert.equal(h.repos.agentPauses.nearestResumeAt(), 100);
    assert.deepEqual(h.repos.agentPauses.clearEnded(150), ['claude']);
    assert.deepEqual(h.repos.agentPauses.clearEnded(150), []);
    assert.equal(h.repos.agentPauses.lift('codex'), true);
    assert.equal(h.repos.agentPauses.lift('codex'), false);
    assert.deepEqual(
      h.readOnly.agentPauses.active(0).map((p) => p.agent),
      ['gemini'],
    );
    assert.throws(
      () => h.readOnly.agentPauses.lift('gemini'),
      (err) => isDispatchError(err, 'invalid-input'),
    );
  });

  it("skips a paused agent's queued tasks in the claim, not the others behind them", () => {
    const first = h.repos.tasks.create(newTask({ agent: 'claude' }), 1);
    const other = h.repos.tasks.create(newTask({ agent: 'codex' }), 2);
    pause('claude', 100);
    assert.equal(h.repos.tasks.nextRunnable({}, 50)?.id, other.id);
    assert.equal(h.repos.tasks.nextRunnable({}, 100)?.id, first.id, 'the pause ends at its resume time');
    assert.equal(
      h.repos.tasks.nextRunnable({}, undefined)?.id,
      other.id,
      'without a time, every pause counts',
    );
    const claimed = h.repos.claimNext({ ownerId: 'e', host: 'h', maxWorkers: 4, now: 50 });
    assert.equal(claimed?.id, other.id);
    assert.equal(h.repos.claimNext({ ownerId: 'e', host: 'h', maxWorkers: 4, now: 50 }), undefined);
  });

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
    assert.equal(h.repos.tasks.nearestResumeAt(), 500);
    assert.deepEqual(h.repos.tasks.pausedDue(499), []);
    assert.equal(h.repos.tasks.resumePaused(task.id, 499), false, 'not due yet');
    assert.deepEqual(
      h.repos.tasks.pausedDue(500).map((t) => t.id),
      [task.id],
    );
    assert.equal(h.repos.tasks.resumePaused(task.id, 500), true);
    assert.equal(h.repos.tasks.resumePaused(task.id, 500), false, 'a second resume changes nothing');
    const queued = h.repos.tasks.get(task.id)!;
    assert.deepEqual(
      [queued.state, queued.resumeAt, queued.limitResumes, queued.reason, queued.endedAt, queued.startedAt],
      ['queued', null, 1, null, null, null],
    );
    assert.equal(h.repos.tasks.nearestResumeAt(), null);
  });

  it('resumes a paused task now, whenever it is due, and cancels one', () => {
    const now = pausedTask('claude', 10_000);
    assert.equal(h.repos.tasks.resumePaused(now.id), true);
    const doomed = pausedTask('codex', 10_000, 20);
    h.repos.tasks.requestCancel(doomed.id, 30);
    assert.equal(h.repos.tasks.get(doomed.id)?.state, 'cancelled');
    assert.equal(h.repos.tasks.get(doomed.id)?.resumeAt, null);
  });
});
