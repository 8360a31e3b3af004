import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { finishFromExit } from '../../../../src/engine/finish/finisher';
import { LAUNCH_GRACE_MS, recover } from '../../../../src/engine/recovery/recovery';
import type { StateStore } from '../../../../src/store';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/** Recovery decisions on hand-made worker rows (the multiprocess tier covers real crashes). */
describe('engine/recovery/recovery', () => {
  let fx: EngineFixture;
  // runTasks: false, so only these tests act on the state.
  let store: StateStore;
  beforeEach(async () => {
    fx = await openTestEngine({}, { runTasks: false });
    store = await fx.openStore();
  });
  afterEach(async () => fx.dispose());

  async function claimedBy(ownerId: string, claimedAt: number, supervisorPid: number | null = null) {
    const task = await fx.engine.delegate({ prompt: 'out:1', agent: 'fake' });
    await store.write((r) => {
      r.tasks.markRunning(task.id, claimedAt);
      r.workers.claim({
        taskId: task.id,
        ownerId,
        host: hostname(),
        claimedAt,
        startedAt: null,
        supervisorPid,
        supervisorStart: null,
        agentPid: null,
        agentStart: null,
      });
    });
    return task.id;
  }

  const run = () => recover({ store: store, engineId: fx.engine.id, paths: fx.engine.paths, now: Date.now });
  const state = (id: string) => fx.engine.resolve(id).state;

  it('requeues a claim that was never launched when its owner is dead', async () => {
    const id = await claimedBy('engine-that-died', Date.now());
    const report = await run();
    assert.deepEqual(report.requeued, [id]);
    assert.equal(state(id), 'queued');
    assert.equal(fx.engine.resolve(id).startedAt, null);
  });

  it('leaves a fresh unlaunched claim of a live owner alone', async () => {
    const { id: ownerId } = fx.engine;
    await store.write((r) =>
      r.engines.heartbeat({
        id: 'live-owner',
        kind: 'test',
        label: 'live',
        pid: process.pid,
        processStart: null,
        host: hostname(),
        startedAt: Date.now(),
        heartbeatAt: Date.now(),
      }),
    );
    const id = await claimedBy('live-owner', Date.now());
    assert.notEqual(ownerId, 'live-owner');
    const report = await run();
    assert.deepEqual(report.requeued, []);
    assert.equal(state(id), 'running');
  });

  it('requeues an unlaunched claim older than the launch grace even if the owner lives', async () => {
    await store.write((r) =>
      r.engines.heartbeat({
        id: 'slow-owner',
        kind: 'test',
        label: 'slow',
        pid: process.pid,
        processStart: null,
        host: hostname(),
        startedAt: Date.now(),
        heartbeatAt: Date.now(),
      }),
    );
    const id = await claimedBy('slow-owner', Date.now() - LAUNCH_GRACE_MS - 1000);
    assert.deepEqual((await run()).requeued, [id]);
  });

  it('cancels instead of requeueing when a cancel was requested before launch', async () => {
    const id = await claimedBy('engine-that-died', Date.now());
    await fx.engine.cancel(id);
    await run();
    assert.equal(state(id), 'cancelled');
  });

  it('fails a launched task whose supervisor is gone without an exit record', async () => {
    // The PID of a process that has already exited stands in for the killed supervisor.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const id = await claimedBy('engine-that-died', Date.now(), deadPid);
    const report = await run();
    assert.deepEqual(report.failed, [id]);
    assert.match(fx.engine.resolve(id).reason ?? '', /supervisor died/);
  });

  it('never overwrites a terminal state with a late exit record', async () => {
    const id = await claimedBy(fx.engine.id, Date.now());
    await store.write((r) =>
      r.tasks.finish(id, {
        state: 'cancelled',
        exitCode: null,
        signal: 'SIGTERM',
        reason: 'cancelled by user',
        endedAt: Date.now(),
      }),
    );
    const changed = await finishFromExit(
      store,
      id,
      { exitCode: 0, signal: null, endedAt: Date.now() },
      Date.now(),
    );
    assert.equal(changed, false);
    assert.equal(state(id), 'cancelled');
    assert.equal(
      fx.engine.state.read((r) => r.workers.get(id)),
      undefined,
      'the slot is freed anyway',
    );
  });

  it('releases and cascades waiting tasks whose dependency ended without settling them', async () => {
    const a = await fx.engine.cancel((await fx.engine.delegate({ prompt: 'x', agent: 'fake' })).id);
    // What a crash of a version that did not settle dependents in the ending write could leave.
    const [released, cancelled] = await store.write((r) => {
      const input = { prompt: 'x', agent: 'fake', cwd: fx.workspace };
      const nothingToWaitFor = r.tasks.create(input, 2, 'blocked');
      const behindCancelled = r.tasks.create(input, 2, 'blocked');
      r.dependencies.add(behindCancelled.id, [a.id]);
      return [nothingToWaitFor.id, behindCancelled.id];
    });
    const report = await run();
    assert.deepEqual([report.released, report.cancelled], [[released], [cancelled]]);
    assert.equal(fx.engine.resolve(cancelled!).reason, `dependency ${a.id} was cancelled`);
    assert.deepEqual((await run()).released, [], 'settled once');
  });
});
