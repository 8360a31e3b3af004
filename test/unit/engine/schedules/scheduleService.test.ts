import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/** Schedules through the engine API the editor uses, with a real store and real agents. */
describe('engine/schedules/scheduleService', function () {
  this.timeout(20_000);
  let fx: EngineFixture;
  afterEach(async () => fx?.dispose());

  it('creates, lists, shows by prefix, pauses, resumes and cancels', async () => {
    fx = await openTestEngine({}, { runTasks: false });
    const { engine } = fx;
    const s = await engine.schedules.create({
      prompt: 'Nightly triage',
      agent: 'fake',
      cron: '0 3 * * *',
      timezone: 'UTC',
    });
    assert.deepEqual([s.status, s.cwd, s.runCount], ['active', fx.workspace, 0]);
    assert.ok(s.nextRunAt! > Date.now());
    assert.deepEqual(
      engine.schedules.list().map((x) => x.id),
      [s.id],
    );
    assert.equal(engine.schedules.get(s.id.slice(0, 5)).id, s.id);

    const paused = await engine.schedules.pause(s.id);
    assert.deepEqual([paused.status, paused.nextRunAt], ['paused', null]);
    assert.equal((await engine.schedules.pause(s.id)).status, 'paused', 'pausing again changes nothing');
    const resumed = await engine.schedules.resume(s.id);
    assert.deepEqual([resumed.status, resumed.nextRunAt], ['active', s.nextRunAt]);
    const cancelled = await engine.schedules.cancel(s.id);
    assert.deepEqual(
      [cancelled.status, cancelled.nextRunAt, cancelled.endReason],
      ['cancelled', null, 'cancelled by user'],
    );
    assert.equal((await engine.schedules.cancel(s.id)).status, 'cancelled');
    await assert.rejects(engine.schedules.resume(s.id), (err: unknown) =>
      isDispatchError(err, 'invalid-transition'),
    );
    assert.deepEqual(engine.schedules.runs(s.id), []);
    assert.throws(
      () => engine.schedules.get('zzzzzzzzzzzz'),
      (err: unknown) => isDispatchError(err, 'not-found'),
    );
  });

  it('fires each due time on time from its timer, not a tick late, and finishes at maxRuns', async () => {
    // A tick far longer than the test: only the timer aimed at the next due time can fire runs.
    fx = await openTestEngine({}, { tickMs: 60_000 });
    const s = await fx.engine.schedules.create({
      prompt: 'out:1',
      agent: 'fake',
      cron: '* * * * * *',
      allowSeconds: true,
      maxRuns: 3,
    });
    await waitFor('three runs', () => fx.engine.schedules.get(s.id).status === 'finished', 10_000);
    const entries = fx.engine.schedules.runs(s.id).reverse();
    // On a loaded machine a run can still be active at the next second: that due time is
    // skipped (and says why), never fired twice or late.
    for (const skipped of entries.filter((r) => r.kind !== 'fired')) {
      assert.equal(skipped.kind, 'skipped');
      assert.match(skipped.reason ?? '', /still/);
    }
    const runs = entries.filter((r) => r.kind === 'fired');
    assert.equal(runs.length, 3);
    for (const [i, run] of runs.entries()) {
      if (i > 0) assert.equal((run.dueAt - runs[0]!.dueAt) % 1000, 0);
      if (i > 0) assert.ok(run.dueAt > runs[i - 1]!.dueAt, 'each second fired once');
      assert.ok(run.at >= run.dueAt, `fired ${run.dueAt - run.at} ms before its due time`);
    }
    const ids = runs.map((r) => r.taskId!);
    await waitFor('the tasks to complete', () =>
      ids.every((id) => fx.engine.resolve(id).state === 'completed'),
    );
    assert.deepEqual(
      fx.engine.schedules
        .runs(s.id)
        .filter((r) => r.kind === 'fired')
        .map((r) => r.outcome),
      ['completed', 'completed', 'completed'],
    );
    assert.match(fx.engine.schedules.get(s.id).endReason!, /ran 3 of 3 runs/);
  });

  it('fires a one-time schedule at its time', async () => {
    // No periodic tick in the test's lifetime: only the schedule's own timer can fire it.
    fx = await openTestEngine({}, { tickMs: 3_600_000 });
    const s = await fx.engine.schedules.create({ prompt: 'out:1', agent: 'fake', at: Date.now() + 700 });
    const run = await waitFor('the run', () => fx.engine.schedules.runs(s.id)[0], 15_000);
    assert.equal(run.dueAt, s.runAt);
    assert.equal(run.kind, 'fired');
    assert.ok(run.at >= s.runAt!, 'not before its time');
    assert.equal(fx.engine.schedules.get(s.id).status, 'finished');
  });

  it('does not fire from an engine that does not run tasks (a one-shot CLI command)', async () => {
    fx = await openTestEngine({}, { runTasks: false });
    const s = await fx.engine.schedules.create({ prompt: 'out:1', agent: 'fake', at: Date.now() + 100 });
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(fx.engine.schedules.runs(s.id), []);
    assert.equal(fx.engine.schedules.get(s.id).status, 'active');
  });
});
