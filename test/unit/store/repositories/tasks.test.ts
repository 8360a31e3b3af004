import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { isDispatchError } from '../../../../src/core/errors';
import { isId } from '../../../../src/core/ids';
import { run } from '../../../../src/store/database/sql';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

const ended = (state: 'completed' | 'failed' | 'cancelled', extra = {}) => ({
  state,
  exitCode: state === 'completed' ? 0 : 1,
  signal: null,
  reason: state === 'completed' ? null : 'exit code 1',
  endedAt: 9_000,
  ...extra,
});

describe('store/repositories/tasks', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  it('creates a queued task with an id, a title from the prompt and defaults', () => {
    const task = h.repos.tasks.create(newTask({ prompt: '\n  Fix   the build\nthen more' }), 100);
    assert.ok(isId(task.id));
    assert.equal(task.title, 'Fix the build');
    assert.equal(task.prompt, '\n  Fix   the build\nthen more');
    assert.equal(task.state, 'queued');
    assert.equal(task.priority, 'P1');
    assert.equal(task.createdAt, 100);
    assert.equal(task.timeoutMs, null);
    assert.deepEqual([task.outputBytes, task.outputLines], [0, 0]);
    assert.deepEqual(h.repos.tasks.get(task.id), task);
  });

  it('plans a worktree task at <root>/<id> on dispatch/<id>; a reply shares it; apply and removal mark every sharer', () => {
    const plain = h.repos.tasks.create(newTask(), 100);
    assert.deepEqual(
      [
        plain.worktreePath,
        plain.worktreeBranch,
        plain.worktreeBase,
        plain.worktreeAppliedAt,
        plain.worktreeRemovedAt,
      ],
      [null, null, null, null, null],
    );
    const task = h.repos.tasks.create(newTask({ worktree: { root: '/wt', base: 'b45e' } }), 100);
    assert.equal(task.worktreePath, `/wt/${task.id}`);
    assert.equal(task.worktreeBranch, `dispatch/${task.id}`);
    assert.equal(task.worktreeBase, 'b45e');
    const share = { path: task.worktreePath!, branch: task.worktreeBranch!, base: 'b45e' };
    const reply = h.repos.tasks.create(newTask({ worktree: { share } }), 200);
    assert.equal(reply.worktreePath, task.worktreePath);
    assert.equal(reply.worktreeBranch, task.worktreeBranch);
    assert.deepEqual(
      h.repos.tasks.sharingWorktree(task.worktreePath!).map((t) => t.id),
      [task.id, reply.id],
    );
    h.repos.tasks.setWorktreeApplied(task.worktreePath!, 300);
    h.repos.tasks.setWorktreeRemoved(task.worktreePath!, 400);
    h.repos.tasks.setWorktreeRemoved(task.worktreePath!, 500);
    for (const t of [task, reply]) {
      const stored = h.repos.tasks.get(t.id)!;
      assert.deepEqual(
        [stored.worktreeAppliedAt, stored.worktreeRemovedAt],
        [300, 400],
        'the first removal stays',
      );
    }
    assert.equal(h.repos.tasks.get(plain.id)!.worktreeAppliedAt, null);
  });

  it('keeps the prompt in output/<id>.prompt, and removes it if the transaction aborts', () => {
    const task = h.repos.tasks.create(newTask({ title: 'Mine', retryOf: 'abc', priority: 'P0' }), 1);
    assert.equal(task.title, 'Mine');
    assert.equal(task.retryOf, 'abc');
    assert.ok(existsSync(h.paths.promptPath(task.id)));
    for (const undo of h.aborts) undo();
    assert.ok(!existsSync(h.paths.promptPath(task.id)));
  });

  it('resolves a full id, a unique prefix, and explains misses and ambiguity', () => {
    const a = h.repos.tasks.create(newTask({ title: 'first' }), 1);
    run(h.db, "UPDATE tasks SET id = 'abcd00000001' WHERE id = ?", [a.id]);
    const b = h.repos.tasks.create(newTask({ title: 'second' }), 2);
    run(h.db, "UPDATE tasks SET id = 'abcdz0000002' WHERE id = ?", [b.id]);
    assert.equal(h.repos.tasks.resolve('abcd00000001').title, 'first');
    assert.equal(h.repos.tasks.resolve('ABCDZ0000002').title, 'second', 'case-insensitive');
    assert.equal(h.repos.tasks.resolve(' abcdz ').title, 'second', 'a unique prefix');
    assert.throws(
      () => h.repos.tasks.resolve('abcd'),
      (err) =>
        isDispatchError(err, 'ambiguous-id') &&
        /abcd00000001 \(first\)/.test(err.message) &&
        /abcdz0000002 \(second\)/.test(err.message),
    );
    assert.throws(
      () => h.repos.tasks.resolve('zzzz'),
      (err) => isDispatchError(err, 'not-found') && err.message.includes('zzzz'),
    );
    assert.throws(
      () => h.repos.tasks.resolve('no such!'),
      (err) => isDispatchError(err, 'not-found'),
    );
  });

  it('lists newest first, by state, with limit and offset', () => {
    const ids = [10, 30, 20].map((at) => h.repos.tasks.create(newTask({ title: `t${at}` }), at).id);
    h.repos.tasks.markRunning(ids[0]!, 40);
    assert.deepEqual(
      h.repos.tasks.list().map((t) => t.title),
      ['t30', 't20', 't10'],
    );
    assert.deepEqual(
      h.repos.tasks.list({ states: ['running'] }).map((t) => t.title),
      ['t10'],
    );
    assert.deepEqual(
      h.repos.tasks.list({ limit: 1, offset: 1 }).map((t) => t.title),
      ['t20'],
    );
  });

  it('counts tasks in every state, zeros included', () => {
    h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.create(newTask(), 2);
    assert.deepEqual(h.repos.tasks.counts(), {
      queued: 2,
      blocked: 0,
      running: 0,
      paused: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });
  });

  it('picks the next runnable by priority, then age, then insertion order', () => {
    const t = h.repos.tasks;
    const p2 = t.create(newTask({ priority: 'P2' }), 1);
    const p1late = t.create(newTask({ priority: 'P1' }), 50);
    const p1a = t.create(newTask({ priority: 'P1' }), 20);
    const p1b = t.create(newTask({ priority: 'P1' }), 20);
    const p0 = t.create(newTask({ priority: 'P0' }), 99);
    const order: string[] = [];
    for (let next = t.nextRunnable(); next; next = t.nextRunnable()) {
      order.push(next.id);
      t.markRunning(next.id, 100);
    }
    assert.deepEqual(order, [p0.id, p1a.id, p1b.id, p1late.id, p2.id]);
  });

  it('marks running with a start time, and finishes with exit code, signal and reason', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    assert.equal(h.repos.tasks.markRunning(id, 5).startedAt, 5);
    assert.equal(
      h.repos.tasks.finish(
        id,
        ended('failed', { exitCode: null, signal: 'SIGKILL', reason: 'killed by SIGKILL' }),
      ),
      true,
    );
    const task = h.repos.tasks.get(id)!;
    assert.equal(task.state, 'failed');
    assert.deepEqual(
      [task.exitCode, task.signal, task.reason, task.endedAt],
      [null, 'SIGKILL', 'killed by SIGKILL', 9000],
    );
  });

  it('never overwrites a finished task: a late exit after a cancel changes nothing', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.markRunning(id, 2);
    assert.equal(h.repos.tasks.finish(id, ended('cancelled', { reason: 'cancelled by user' })), true);
    const before = h.repos.tasks.get(id);
    assert.equal(h.repos.tasks.finish(id, ended('completed')), false);
    assert.equal(h.repos.tasks.finish(id, ended('failed')), false);
    assert.deepEqual(h.repos.tasks.get(id), before);
  });

  it('refuses "completed" for a signal death or a missing exit code', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.markRunning(id, 2);
    for (const bad of [{ exitCode: null, signal: 'SIGTERM' }, { exitCode: null }, { exitCode: 3 }]) {
      assert.throws(
        () => h.repos.tasks.finish(id, ended('completed', bad)),
        (err) => isDispatchError(err, 'invalid-transition'),
      );
    }
    assert.equal(h.repos.tasks.get(id)?.state, 'running');
  });

  it('enforces the transition table on every move', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    assert.throws(
      () => h.repos.tasks.finish(id, ended('completed')),
      (err) => isDispatchError(err, 'invalid-transition'),
    );
    assert.throws(
      () => h.repos.tasks.setState(id, 'failed', { endedAt: 2 }),
      /cannot go from queued to failed/,
    );
    assert.throws(
      () => h.repos.tasks.setState(id, 'cancelled'),
      (err) => isDispatchError(err, 'invalid-input'),
    );
    const cancelled = h.repos.tasks.setState(id, 'cancelled', { reason: 'not needed', endedAt: 3 });
    assert.deepEqual([cancelled.state, cancelled.reason, cancelled.endedAt], ['cancelled', 'not needed', 3]);
    assert.throws(
      () => h.repos.tasks.setState(id, 'queued'),
      (err) => isDispatchError(err, 'invalid-transition'),
    );
    assert.throws(
      () => h.repos.tasks.markRunning('nope00000000', 1),
      (err) => isDispatchError(err, 'not-found'),
    );
  });

  it('records a cancel request on a running task and cancels a queued one at once', () => {
    const running = h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.markRunning(running.id, 2);
    assert.equal(h.repos.tasks.requestCancel(running.id, 7).cancelRequestedAt, 7);
    assert.equal(
      h.repos.tasks.requestCancel(running.id, 8).cancelRequestedAt,
      7,
      'the first request is kept',
    );
    assert.equal(h.repos.tasks.get(running.id)?.state, 'running', 'its supervisor ends it');

    const queued = h.repos.tasks.create(newTask(), 3);
    const now = h.repos.tasks.requestCancel(queued.id, 9);
    assert.deepEqual([now.state, now.endedAt, now.reason], ['cancelled', 9, 'cancelled by user']);
    assert.deepEqual(h.repos.tasks.requestCancel(queued.id, 10), now, 'a finished task is left alone');
  });

  it('requeues a claim that never launched, dropping its start time and worker row', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    h.repos.claimNext({ ownerId: 'e1', host: 'h', maxWorkers: 1, now: 2 });
    const task = h.repos.tasks.requeue(id);
    assert.deepEqual([task.state, task.startedAt], ['queued', null]);
    assert.equal(h.repos.workers.get(id), undefined);
  });

  it('releases the worker row whenever a task leaves RUNNING', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    h.repos.claimNext({ ownerId: 'e1', host: 'h', maxWorkers: 1, now: 2 });
    h.repos.tasks.finish(id, ended('failed'));
    assert.equal(h.repos.workers.countRunning(), 0);
  });

  it('records output size, also after the task ended', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    h.repos.tasks.setOutputStats(id, 2048, 40);
    assert.deepEqual([h.repos.tasks.get(id)?.outputBytes, h.repos.tasks.get(id)?.outputLines], [2048, 40]);
  });

  it('refuses every change through read-only repositories', () => {
    const { id } = h.repos.tasks.create(newTask(), 1);
    const ro = h.readOnly.tasks;
    const refused = (err: unknown) =>
      isDispatchError(err, 'invalid-input') && /store\.write/.test((err as Error).message);
    assert.throws(() => ro.create(newTask(), 1), refused);
    assert.throws(() => ro.markRunning(id, 1), refused);
    assert.throws(() => ro.setOutputStats(id, 1, 1), refused);
    assert.throws(() => ro.requestCancel(id, 1), refused);
    assert.equal(ro.get(id)?.state, 'queued');
  });
});
