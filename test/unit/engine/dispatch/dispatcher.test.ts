import assert from 'node:assert/strict';
import { parseConfig } from '../../../../src/core/config';
import type { Task } from '../../../../src/core/task';
import { Dispatcher } from '../../../../src/engine/dispatch/dispatcher';
import type { Admission } from '../../../../src/engine/dispatch/resources';
import { openStateStore, type StateStore } from '../../../../src/store/stateStore';
import { cleanTempDirs, eventually, newTask, tempDir } from '../../store/harness';

describe('engine/dispatch/dispatcher', () => {
  let store: StateStore;
  beforeEach(async () => {
    store = await openStateStore({ dir: tempDir() });
  });
  afterEach(() => {
    store.dispose();
    cleanTempDirs();
  });

  /** A dispatcher whose admission answers come from `answers`, in order, the last one repeated. */
  function dispatcher(answers: Admission[]) {
    const logged: string[] = [];
    const started: Task[] = [];
    let asked = 0;
    const d = new Dispatcher({
      store,
      engineId: 'e1',
      config: () => parseConfig({}).config,
      resources: { admit: () => answers[Math.min(asked++, answers.length - 1)]! },
      start: async (task) => {
        started.push(task);
      },
      log: { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) },
      now: () => 1_000,
    });
    /** Pokes, and waits until admission has been asked `n` times in all (it logs in the same turn). */
    const pokeUntilAsked = async (n: number) => {
      d.poke();
      await eventually(() => asked >= n, 3000, `admission asked ${n} times`);
    };
    return { d, logged, started, pokeUntilAsked };
  }

  it('logs a refusal once while its reason stays the same, and an admission-anyway note with the task', async () => {
    const task = await store.write((r) => r.tasks.create(newTask(), 1));
    const why = 'CPU saturated: over 97% busy for 3 s or more';
    const { d, logged, started, pokeUntilAsked } = dispatcher([
      { admitted: false, why },
      { admitted: false, why },
      { admitted: true, note: 'the CPU has been over 97% busy for 13 s; starting anyway' },
    ]);
    await pokeUntilAsked(1);
    await pokeUntilAsked(2);
    assert.equal(d.refusal, why);
    assert.deepEqual(logged, [`not starting a task yet: ${why}`]);
    assert.equal(started.length, 0);

    await pokeUntilAsked(3);
    await eventually(() => started.length > 0, 3000, 'the start');
    assert.equal(d.refusal, undefined);
    assert.deepEqual(
      started.map((t) => t.id),
      [task.id],
    );
    assert.equal(
      logged[1],
      `starting task ${task.id}: the CPU has been over 97% busy for 13 s; starting anyway`,
    );
    assert.equal(store.read((r) => r.tasks.get(task.id))?.state, 'running');
    d.dispose();
  });

  it('claims the next task in the same write as a finish, and commits the finish alone if claiming fails', async () => {
    const [a, b] = await store.write((r) => [r.tasks.create(newTask(), 1), r.tasks.create(newTask(), 2)]);
    const { d, started } = dispatcher([{ admitted: true }]);
    let writes = 0;
    const write = store.write.bind(store);
    store.write = (change) => {
      writes++;
      return write(change);
    };
    const result = await d.commitThenClaim((r) => r.tasks.setState(a!.id, 'cancelled', { endedAt: 1 }));
    assert.equal(writes, 1, 'one commit for the change and the claim');
    assert.equal(result.state, 'cancelled', 'the change’s result comes back');
    assert.deepEqual(
      started.map((t) => t.id),
      [b!.id],
    );
    assert.equal(store.read((r) => r.workers.get(b!.id))?.ownerId, 'e1');

    const c = await write((r) => r.tasks.create(newTask(), 3));
    const failing = new Dispatcher({
      store,
      engineId: 'e1',
      config: () => parseConfig({}).config,
      resources: {
        admit: () => {
          throw new Error('admission broke');
        },
      },
      start: async () => {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
      now: () => 1_000,
    });
    await failing.commitThenClaim((r) => r.tasks.setState(b!.id, 'cancelled', { endedAt: 1 }));
    assert.equal(store.read((r) => r.tasks.get(b!.id))?.state, 'cancelled', 'the change was committed');
    assert.equal(store.read((r) => r.tasks.get(c.id))?.state, 'queued', 'the claim was not');
  });
});
