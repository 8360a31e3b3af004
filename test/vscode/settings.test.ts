// Settings of the real extension apply live: a raised maxWorkers starts queued tasks at once; an
// invalid value is reported once and its default used.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS } from '../support/dispatchApi';

describe('settings', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
  });

  afterEach(async () => {
    await cancelAll(api);
    await configure(api, { maxWorkers: TEST_SETTINGS.maxWorkers, notifications: 'none' });
  });

  it('starts queued tasks as soon as maxWorkers is raised', async () => {
    await configure(api, { maxWorkers: 1 });
    const tasks: Task[] = [];
    for (let i = 0; i < 3; i++) {
      tasks.push(
        await vscode.commands.executeCommand<Task>('dispatch.delegateTask', {
          prompt: 'sleep:20000',
          agent: 'fake',
        }),
      );
    }
    await waitFor(
      'one running, two queued',
      () => api.live.tasks.count('running') === 1 && api.live.tasks.count('queued') === 2,
    );
    // "At once" means the settings change pokes the engine, rather than waiting for its 2 s tick:
    // checked by counting pokes, not by a time bound that a loaded machine would break. That a
    // poke starts what fits is the dispatcher's unit test.
    const engine = await engineOf(api);
    const poke = engine.poke.bind(engine);
    let poked = 0;
    engine.poke = () => {
      poked++;
      poke();
    };
    try {
      await configure(api, { maxWorkers: 3 });
      await waitFor('all three running', () => api.live.tasks.count('running') === 3, 15_000);
      assert.ok(poked > 0, 'the settings change poked the engine');
    } finally {
      engine.poke = poke;
    }
    assert.deepEqual(
      tasks.map((t) => engine.resolve(t.id).state),
      ['running', 'running', 'running'],
    );
  });

  it('reports an invalid value once, uses its default, and keeps the other settings', async () => {
    const invalid = () => api.settings.problems.filter((p) => p.startsWith('dispatch.maxWorkers:'));
    const before = invalid().length;
    await configure(api, { maxWorkers: 0 });
    await waitFor('the warning', () => invalid().length > before, 5000);
    assert.equal(api.settings.current.maxWorkers, 4, 'the default');
    assert.equal(invalid().length, before + 1);
    assert.match(invalid().at(-1)!, /using the default 4/);
    await configure(api, { notifications: 'failures' });
    assert.equal(api.settings.current.notifications, 'failures', 'the valid ones still apply');
    assert.equal(invalid().length, before + 1, 'not reported again');
  });
});
