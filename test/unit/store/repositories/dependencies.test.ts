import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import type { Task } from '../../../../src/core/task';
import { run } from '../../../../src/store/database/sql';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

describe('store/repositories/dependencies (submit, settle)', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  const submit = (after: string[] = [], extra = {}) => h.repos.submit(newTask({ after, ...extra }), 10);
  const get = (t: Task) => h.repos.tasks.get(t.id)!;
  const end = (t: Task, state: 'completed' | 'failed' | 'cancelled', at = 50) => {
    if (get(t).state === 'queued') h.repos.tasks.markRunning(t.id, at - 1);
    const exitCode = state === 'completed' ? 0 : 1;
    const reason = state === 'failed' ? 'exit code 1' : state === 'cancelled' ? 'cancelled by user' : null;
    h.repos.tasks.finish(t.id, { state, exitCode, signal: null, reason, endedAt: at });
  };
  const states = (...tasks: Task[]) => tasks.map((t) => get(t).state);

  describe('submit', () => {
    it('queues a task without dependencies, and blocks one behind unfinished tasks', () => {
      const a = submit();
      const b = submit([a.id]);
      assert.equal(a.state, 'queued');
      assert.equal(b.state, 'blocked');
      assert.deepEqual(h.repos.dependencies.dependenciesOf(b.id), [a.id]);
      assert.deepEqual(h.repos.dependencies.dependentsOf(a.id), [b.id]);
    });

    it('counts an already completed dependency as satisfied at once', () => {
      const a = submit();
      end(a, 'completed');
      assert.equal(submit([a.id]).state, 'queued');
    });

    it('cancels a task at once when a dependency already failed or was cancelled, with the reason', () => {
      const failed = submit();
      end(failed, 'failed');
      const cancelled = submit();
      h.repos.tasks.requestCancel(cancelled.id, 20);
      const late1 = submit([failed.id]);
      assert.equal(late1.state, 'cancelled');
      assert.equal(late1.reason, `dependency ${failed.id} failed`);
      assert.equal(late1.endedAt, 10);
      assert.equal(submit([cancelled.id]).reason, `dependency ${cancelled.id} was cancelled`);
    });

    it('resolves prefixes, drops duplicates, and makes continue-from a dependency', () => {
      const a = submit();
      const b = submit();
      const c = h.repos.submit(
        newTask({ after: [a.id.slice(0, 8), a.id], continueFrom: b.id.slice(0, 9) }),
        10,
      );
      assert.equal(c.continueFrom, b.id);
      assert.deepEqual(h.repos.dependencies.dependenciesOf(c.id), [a.id, b.id]);
    });

    it('refuses unknown and ambiguous ids before storing anything', () => {
      const a = submit();
      const before = h.repos.tasks.list().length;
      assert.throws(
        () => submit([a.id, 'zzzzzzzzzzzz']),
        (err) => isDispatchError(err, 'not-found') && /dependency "zzzzzzzzzzzz"/.test(err.message),
      );
      run(h.db, "UPDATE tasks SET id = 'abcd00000001' WHERE id = ?", [a.id]);
      const b = submit();
      run(h.db, "UPDATE tasks SET id = 'abcd00000002' WHERE id = ?", [b.id]);
      assert.throws(
        () => submit(['abcd']),
        (err) => isDispatchError(err, 'ambiguous-id'),
      );
      assert.equal(h.repos.tasks.list().length, before + 1);
      assert.deepEqual(h.repos.dependencies.waiting(), new Map());
    });

    it('refuses more than 100 dependencies', () => {
      const deps = Array.from({ length: 101 }, () => submit().id);
      assert.throws(
        () => submit(deps),
        (err) => isDispatchError(err, 'invalid-input') && /at most 100/.test(err.message),
      );
    });
  });

  describe('settling', () => {
    it('releases a blocked task in the write that completes its last dependency', () => {
      const a = submit();
      const b = submit();
      const c = submit([a.id, b.id]);
      end(a, 'completed');
      assert.equal(get(c).state, 'blocked');
      assert.deepEqual(h.repos.dependencies.waiting(), new Map([[c.id, [b.id]]]));
      end(b, 'completed');
      assert.equal(get(c).state, 'queued');
      assert.equal(get(c).reason, null);
      assert.deepEqual(h.repos.dependencies.waiting(), new Map());
    });

    it('keeps a task blocked behind one paused at its usage limit, with nothing for recovery to settle', () => {
      const a = submit();
      const b = submit([a.id]);
      h.repos.tasks.markRunning(a.id, 11);
      h.repos.paused.pause(a.id, {
        exitCode: 1,
        signal: null,
        reason: 'usage-limit: x',
        endedAt: 12,
        resumeAt: 99,
      });
      assert.equal(get(b).state, 'blocked');
      assert.deepEqual(h.repos.dependencies.waiting(), new Map([[b.id, [a.id]]]));
      assert.deepEqual(h.repos.dependencies.unsettled(), [], 'recovery finds nothing to write');
      h.repos.paused.resume(a.id);
      h.repos.tasks.markRunning(a.id, 100);
      end(a, 'completed');
      assert.equal(get(b).state, 'queued');
    });

    it('cancels the dependents of a failed task transitively, each naming the root cause', () => {
      // A diamond: B and C wait for A, D waits for both; E waits for D.
      const a = submit();
      const b = submit([a.id]);
      const c = submit([a.id]);
      const d = submit([b.id, c.id]);
      const e = submit([d.id]);
      end(a, 'failed', 77);
      assert.deepEqual(states(b, c, d, e), ['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      assert.equal(get(b).reason, `dependency ${a.id} failed`);
      assert.equal(get(c).reason, `dependency ${a.id} failed`);
      assert.equal(get(d).reason, `dependency ${a.id} failed (via ${b.id})`);
      assert.equal(get(e).reason, `dependency ${a.id} failed (via ${d.id})`);
      assert.equal(get(e).endedAt, 77);
    });

    it('cancels what waits for a task the user cancelled, but not what no longer waits', () => {
      const a = submit();
      const b = submit([a.id]);
      const c = submit([b.id]);
      const other = submit([a.id]);
      end(a, 'completed');
      assert.equal(get(other).state, 'queued');
      h.repos.tasks.requestCancel(b.id, 60);
      assert.deepEqual(states(b, c, other), ['cancelled', 'cancelled', 'queued']);
      assert.equal(get(c).reason, `dependency ${b.id} was cancelled`);
    });

    it('releases by priority, then by age: P0 first, FIFO within a priority', () => {
      const gate = submit();
      const p2 = submit([gate.id], { priority: 'P2' });
      const p1old = h.repos.submit(newTask({ after: [gate.id], priority: 'P1' }), 11);
      const p0 = h.repos.submit(newTask({ after: [gate.id], priority: 'P0' }), 12);
      const p1new = h.repos.submit(newTask({ after: [gate.id], priority: 'P1' }), 13);
      assert.equal(h.repos.tasks.nextRunnable()?.id, gate.id);
      end(gate, 'completed');
      const order: string[] = [];
      for (let next = h.repos.tasks.nextRunnable(); next; next = h.repos.tasks.nextRunnable()) {
        order.push(next.id);
        h.repos.tasks.markRunning(next.id, 100);
      }
      assert.deepEqual(order, [p0.id, p1old.id, p1new.id, p2.id]);
    });

    it('never hands out a queued task with an unfinished dependency, and the sweep puts it right', () => {
      const a = submit();
      const b = submit();
      h.repos.tasks.markRunning(a.id, 20);
      // A damaged database: b queued behind a running task.
      h.repos.dependencies.add(b.id, [a.id]);
      assert.equal(h.repos.tasks.nextRunnable(), undefined);
      assert.deepEqual(h.repos.settleAll(30), new Map([[b.id, 'blocked']]));
      assert.equal(get(b).state, 'blocked');
    });

    it('sweeps up what a crash of an older version left: releases and cascades', () => {
      const a = submit();
      const b = submit([a.id]);
      const c = submit();
      const d = submit([c.id]);
      const e = submit([d.id]);
      // As if a and c ended without settling their dependents.
      run(h.db, "UPDATE tasks SET state = 'completed', ended_at = 5 WHERE id = ?", [a.id]);
      run(h.db, "UPDATE tasks SET state = 'failed', ended_at = 5 WHERE id = ?", [c.id]);
      const settled = h.repos.settleAll(40);
      assert.equal(settled.get(b.id), 'released');
      assert.equal(settled.get(d.id), 'cancelled');
      assert.deepEqual(states(b, d, e), ['queued', 'cancelled', 'cancelled']);
      assert.equal(get(e).reason, `dependency ${c.id} failed (via ${d.id})`);
      assert.deepEqual(h.repos.settleAll(50), new Map(), 'nothing left to do');
    });

    it('lets a deleted dependency hold nothing back, and drops the edges with the task', () => {
      const a = submit();
      const b = submit([a.id]);
      end(a, 'completed');
      h.repos.history.delete([a.id]);
      assert.deepEqual(h.repos.dependencies.dependenciesOf(b.id), []);
      assert.equal(get(b).state, 'queued');
    });
  });

  describe('addDependencies', () => {
    it('blocks a queued task behind new dependencies, and refuses cycles with the path', () => {
      const a = submit();
      const b = submit([a.id]);
      const c = submit([b.id]);
      const x = submit();
      assert.equal(h.repos.addDependencies(a.id, [x.id], 20).state, 'blocked');
      assert.throws(
        () => h.repos.addDependencies(a.id, [c.id], 20),
        (err) =>
          isDispatchError(err, 'dependency-cycle') &&
          err.message.includes(`${a.id} → ${c.id} → ${b.id} → ${a.id}`),
      );
      assert.throws(
        () => h.repos.addDependencies(x.id, [x.id], 20),
        (err) => isDispatchError(err, 'dependency-cycle') && /itself/.test(err.message),
      );
      assert.deepEqual(h.repos.dependencies.dependenciesOf(a.id), [x.id]);
    });

    it('refuses to make a running or finished task wait', () => {
      const a = submit();
      const b = submit();
      h.repos.tasks.markRunning(a.id, 20);
      assert.throws(
        () => h.repos.addDependencies(a.id, [b.id], 20),
        (err) => isDispatchError(err, 'invalid-input') && /is running/.test(err.message),
      );
    });
  });

  it('lists retries and resumes of a task', () => {
    const a = submit();
    const r1 = submit([], { retryOf: a.id });
    const s1 = submit([], { resumeOf: a.id });
    const r2 = submit([], { retryOf: a.id });
    assert.deepEqual(h.repos.tasks.followUps(a.id), {
      retriedAs: [r1.id, r2.id],
      resumedAs: [s1.id],
      repliedAs: [],
    });
    assert.deepEqual(h.repos.tasks.followUps(r1.id), { retriedAs: [], resumedAs: [], repliedAs: [] });
  });
});
