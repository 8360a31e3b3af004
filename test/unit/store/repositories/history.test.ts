import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { run } from '../../../../src/store/database/sql';
import { cleanTempDirs, newTask, repoHarness } from '../harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

describe('store/repositories/history', () => {
  afterEach(cleanTempDirs);

  it('expires finished tasks older than retentionDays, never unfinished ones', async () => {
    const h = await repoHarness();
    const at = (days: number) => NOW - days * DAY;
    const old = h.repos.tasks.create(newTask(), at(40));
    h.repos.tasks.setState(old.id, 'cancelled', { endedAt: at(40) });
    const recent = h.repos.tasks.create(newTask(), at(5));
    h.repos.tasks.setState(recent.id, 'cancelled', { endedAt: at(5) });
    const oldButQueued = h.repos.tasks.create(newTask(), at(90));
    const oldButRunning = h.repos.tasks.create(newTask(), at(90));
    h.repos.tasks.markRunning(oldButRunning.id, at(90));
    const expired = h.repos.history.expired({ retentionDays: 30, maxHistory: 5000 }, NOW);
    assert.deepEqual(expired, [old.id]);
    assert.ok(!expired.includes(oldButQueued.id));
  });

  it('never expires a task whose worktree is still on disk, and names it for the engine to decide', async () => {
    const h = await repoHarness();
    const at = NOW - 40 * DAY;
    const worktree = { root: '/state/worktrees', base: 'f00d' };
    const held = h.repos.tasks.create(newTask({ worktree }), at);
    h.repos.tasks.setState(held.id, 'cancelled', { endedAt: at });
    const removed = h.repos.tasks.create(newTask({ worktree }), at);
    h.repos.tasks.setState(removed.id, 'cancelled', { endedAt: at });
    h.repos.tasks.setWorktreeRemoved(removed.worktreePath!, NOW);
    const policy = { retentionDays: 30, maxHistory: 5000 };
    assert.deepEqual(h.repos.history.expired(policy, NOW), [removed.id]);
    assert.deepEqual(h.repos.history.holdingWorktrees(policy, NOW), [held.id]);
    assert.equal(h.repos.tasks.get(removed.id)!.worktreeRemovedAt, NOW);
  });

  it('keeps only the newest maxHistory finished tasks', async () => {
    const h = await repoHarness();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = h.repos.tasks.create(newTask(), NOW - 1000 + i);
      h.repos.tasks.setState(t.id, 'cancelled', { endedAt: NOW - 1000 + i });
      ids.push(t.id);
    }
    h.repos.tasks.create(newTask(), NOW - 5000); // queued: never counted, never pruned
    assert.deepEqual(
      h.repos.history.expired({ retentionDays: 30, maxHistory: 4 }, NOW).sort(),
      ids.slice(0, 2).sort(),
    );
  });

  it('deletes tasks with any worker row left for them (a stale row must not hold a slot)', async () => {
    const h = await repoHarness();
    const t = h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.setState(t.id, 'cancelled', { endedAt: 2 });
    run(h.db, "INSERT INTO workers (task_id, owner_id, host, claimed_at) VALUES (?, 'e', 'h', 1)", [t.id]);
    h.repos.history.delete([t.id]);
    assert.equal(h.repos.tasks.get(t.id), undefined);
    assert.equal(h.repos.workers.countRunning(), 0);
  });

  it('refuses to delete through read-only repositories', async () => {
    const h = await repoHarness();
    assert.throws(
      () => h.readOnly.history.delete([]),
      (err) => isDispatchError(err, 'invalid-input'),
    );
  });
});
