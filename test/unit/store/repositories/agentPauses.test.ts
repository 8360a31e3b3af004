import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/agentPauses', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  const pause = (agent: string, resumeAt: number, reason = `usage-limit: ${agent}`) =>
    h.repos.agentPauses.pause({ agent, resumeAt, pausedAt: 1, reason, taskId: null });

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
});
