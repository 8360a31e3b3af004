import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { silentLog } from '../../../../src/engine/engineLog';
import { createExitHandler } from '../../../../src/engine/finish/exitHandler';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

describe('engine/finish/exitHandler', () => {
  let fx: EngineFixture;
  // runTasks: false, so only this test acts on the state.
  beforeEach(async () => {
    fx = await openTestEngine({}, { runTasks: false });
  });
  afterEach(async () => fx.dispose());

  it('finishes a task once when its exit is seen twice at the same time', async () => {
    const store = await fx.openStore();
    const task = await fx.engine.delegate({ prompt: 'out:1', agent: 'fake' });
    await store.write((r) => {
      r.tasks.markRunning(task.id, Date.now());
      r.workers.claim({
        taskId: task.id,
        ownerId: 'e1',
        host: hostname(),
        claimedAt: Date.now(),
        startedAt: null,
        supervisorPid: 1,
        supervisorStart: null,
        agentPid: null,
        agentStart: null,
      });
    });
    let writes = 0;
    const write = store.write.bind(store);
    store.write = (change) => {
      writes++;
      return write(change);
    };
    const exits = createExitHandler({
      store,
      engineId: 'e1',
      paths: fx.engine.paths,
      log: silentLog,
      now: Date.now,
      dispatcher: undefined,
    });
    const exit = { exitCode: 0, signal: null, endedAt: Date.now() };
    const results = await Promise.all([exits.finish(task.id, exit), exits.finish(task.id, exit)]);
    assert.deepEqual(results, [true, false]);
    assert.equal(writes, 1, 'one finishing commit');
    assert.equal(fx.engine.resolve(task.id).state, 'completed');
    assert.equal(await exits.finish(task.id, exit), false, 'a late one changes nothing');
  });
});
