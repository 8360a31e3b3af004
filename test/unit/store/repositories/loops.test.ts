import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import type { CheckResult, NewLoop } from '../../../../src/core/loop';
import { run } from '../../../../src/store/database/sql';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

const newLoop = (overrides: Partial<NewLoop> = {}): NewLoop => ({
  title: 'Make the tests pass',
  prompt: 'Make the tests pass',
  agent: 'claude',
  cwd: '/work',
  untilCommand: 'npm test',
  evalCommand: null,
  direction: null,
  target: null,
  maxIterations: 3,
  ...overrides,
});
const failing = (output = '1 failing'): CheckResult => ({
  exitCode: 1,
  signal: null,
  problem: null,
  unstartable: false,
  output,
  score: null,
});
const passing: CheckResult = { ...failing('ok'), exitCode: 0 };

describe('store/repositories/loops and loopAdvance', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  /** A loop and its first iteration, as the engine stores them in one write. */
  function start(loop: Partial<NewLoop> = {}, task: Parameters<typeof newTask>[0] = {}) {
    const created = h.repos.loops.create(newLoop(loop), 100);
    const first = h.repos.submit(
      newTask({
        agent: 'claude',
        prompt: created.prompt,
        priority: 'P0',
        timeoutMs: 60_000,
        autonomy: 'full',
        model: 'm',
        ...task,
      }),
      100,
    );
    h.repos.loops.addIteration(created.id, 1, first.id);
    return { loop: created, first };
  }

  /** What the finishing write does: the check first, then the task's end. */
  function finish(
    taskId: string,
    check: CheckResult | null,
    state: 'completed' | 'failed' = 'completed',
    at = 200,
  ) {
    h.repos.tasks.markRunning(taskId, at - 50);
    if (check) h.repos.loops.recordCheck(taskId, check, check.exitCode === 0 ? check.score : null, at);
    return h.repos.tasks.finish(taskId, {
      state,
      exitCode: state === 'completed' ? 0 : 1,
      signal: null,
      reason: state === 'completed' ? null : 'exit code 1',
      endedAt: at,
    });
  }

  it('queues the next iteration in the write that ends one: a reply with the check report, same settings', () => {
    const { loop, first } = start();
    assert.ok(finish(first.id, failing('FAIL src/a.test.ts')));
    const [one, two] = h.repos.loops.entries(loop.id);
    assert.deepEqual(
      [one!.checkExit, one!.checkProblem, one!.checkedAt, one!.state],
      [1, null, 200, 'completed'],
    );
    const next = h.repos.tasks.get(two!.taskId)!;
    assert.deepEqual(
      [
        next.state,
        next.replyTo,
        next.agent,
        next.cwd,
        next.priority,
        next.timeoutMs,
        next.autonomy,
        next.model,
      ],
      ['queued', first.id, 'claude', '/work', 'P0', 60_000, 'full', 'm'],
    );
    assert.equal(next.title, '[loop 2/3] Make the tests pass');
    assert.match(
      next.prompt,
      /^The check `npm test` failed after iteration 1 of 3: exit code 1\.[\s\S]*FAIL src\/a\.test\.ts/,
    );
    assert.equal(h.repos.loops.get(loop.id)!.state, 'running');

    assert.ok(finish(next.id, passing, 'completed', 300));
    const ended = h.repos.loops.get(loop.id)!;
    assert.deepEqual(
      [ended.state, ended.reason, ended.bestTaskId, ended.endedAt],
      ['succeeded', 'the check passed on iteration 2', next.id, 300],
    );
    assert.equal(h.repos.loops.iterations(loop.id).length, 2);
  });

  it('queues each iteration once: a task ends once, and a second row for one number is refused', () => {
    const { loop, first } = start();
    assert.ok(finish(first.id, failing()));
    const again = h.repos.tasks.finish(first.id, {
      state: 'failed',
      exitCode: 1,
      signal: null,
      reason: 'late',
      endedAt: 400,
    });
    assert.equal(again, false, 'a finished task is never finished twice');
    assert.equal(h.repos.loops.iterations(loop.id).length, 2);
    assert.throws(
      () => h.repos.loops.addIteration(loop.id, 2, 'zzzzzzzzzzzz'),
      (err: unknown) => isDispatchError(err, 'already-claimed'),
    );
  });

  it('an iteration of a loop that was cancelled meanwhile queues nothing', () => {
    const { loop, first } = start();
    assert.ok(h.repos.loops.end(loop.id, 'cancelled', 'cancelled by user', 150));
    assert.equal(h.repos.loops.end(loop.id, 'failed', 'late', 160), false, 'an ended loop stays as it ended');
    finish(first.id, failing());
    assert.equal(h.repos.loops.iterations(loop.id).length, 1);
    assert.deepEqual([h.repos.loops.get(loop.id)!.state, h.repos.tasks.list().length], ['cancelled', 1]);
  });

  it('a failure while queueing the next iteration undoes all of it, ends the loop failed, and keeps the task end', () => {
    const { loop, first } = start(
      {},
      { worktree: { share: { path: '/wt/x', branch: 'dispatch/x', base: 'abc' } } },
    );
    run(h.db, 'UPDATE tasks SET worktree_removed_at = 150 WHERE id = ?', [first.id]);
    assert.ok(finish(first.id, failing()));
    assert.equal(h.repos.tasks.get(first.id)!.state, 'completed');
    assert.equal(h.repos.tasks.list().length, 1, 'no half-made iteration');
    const ended = h.repos.loops.get(loop.id)!;
    assert.deepEqual(
      [ended.state, ended.reason],
      ['failed', `could not queue iteration 2: the worktree of task ${first.id} was discarded`],
    );
  });

  it('a database error after the next task was made rolls that task back (a savepoint)', () => {
    const { loop, first } = start();
    // A real failure of the iteration's insert, after the task row and its prompt were written.
    h.db.run(
      "CREATE TRIGGER refuse BEFORE INSERT ON loop_iterations WHEN NEW.number = 2 BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END",
    );
    assert.ok(finish(first.id, failing()));
    assert.deepEqual(
      h.repos.tasks.list().map((t) => [t.id, t.state]),
      [[first.id, 'completed']],
    );
    assert.deepEqual(
      [h.repos.loops.get(loop.id)!.state, h.repos.loops.get(loop.id)!.reason],
      ['failed', 'could not queue iteration 2: disk quota exceeded'],
    );
  });

  it('a shell iteration runs the loop command line again (the report is never run as one)', () => {
    const { loop, first } = start(
      { agent: 'shell', prompt: 'make fix' },
      { agent: 'shell', prompt: 'make fix' },
    );
    finish(first.id, failing('rm -rf /'));
    const [, two] = h.repos.loops.iterations(loop.id);
    assert.equal(h.repos.tasks.get(two!.taskId)!.prompt, 'make fix');
  });

  it('a stalled loop (its iteration ended without the hook, or was deleted) is decided by settleStalledLoop', () => {
    const { loop, first } = start();
    h.repos.tasks.markRunning(first.id, 150);
    // An engine of an older version ends the task without knowing loops.
    run(h.db, "UPDATE tasks SET state = 'failed', ended_at = 160, reason = 'exit code 2' WHERE id = ?", [
      first.id,
    ]);
    assert.deepEqual(h.repos.loops.stalled(), [loop.id]);
    h.repos.settleStalledLoop(loop.id, 170);
    assert.deepEqual(h.repos.loops.stalled(), []);
    assert.match(h.repos.loops.get(loop.id)!.reason!, /^iteration 1 \(task \w+\) failed: exit code 2$/);

    const gone = start();
    run(h.db, 'DELETE FROM tasks WHERE id = ?', [gone.first.id]);
    assert.deepEqual(h.repos.loops.stalled(), [gone.loop.id]);
    h.repos.settleStalledLoop(gone.loop.id, 180);
    assert.equal(h.repos.loops.get(gone.loop.id)!.reason, `iteration 1 (task ${gone.first.id}) was deleted`);
  });

  it('retention deletes a finished loop with its last task; a running loop stays', () => {
    const done = start();
    finish(done.first.id, passing);
    const running = start();
    h.repos.tasks.markRunning(running.first.id, 150);
    const other = h.repos.submit(newTask(), 100);
    h.repos.tasks.setState(other.id, 'cancelled', { endedAt: 120 });
    h.repos.history.delete([done.first.id, other.id]);
    assert.equal(h.repos.loops.get(done.loop.id), undefined);
    assert.deepEqual(h.repos.loops.iterations(done.loop.id), []);
    assert.equal(h.repos.loops.get(running.loop.id)!.state, 'running');
  });

  it('resolves ids by prefix, lists newest first, and refuses writes in a read', () => {
    const a = h.repos.loops.create(newLoop(), 100);
    const b = h.repos.loops.create(newLoop({ title: 'b' }), 200);
    assert.equal(h.repos.loops.resolve(a.id.slice(0, 8)).id, a.id);
    assert.deepEqual(
      h.repos.loops.list().map((l) => l.id),
      [b.id, a.id],
    );
    assert.throws(() => h.repos.loops.resolve('zzzz'), /No loop id starts with "zzzz"/);
    assert.throws(() => h.readOnly.loops.end(a.id, 'failed', 'x', 1), /inside store.read/);
  });
});
