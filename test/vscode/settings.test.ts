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
    const raisedAt = Date.now();
    await configure(api, { maxWorkers: 3 });
    await waitFor('all three running', () => api.live.tasks.count('running') === 3, 10_000);
    const took = Date.now() - raisedAt;
    console.log(`      raised maxWorkers → 3 running in ${took} ms`);
    // The engine also re-checks every 2 s on its own; "at once" means the poke, not that tick.
    assert.ok(took < 1900, `took ${took} ms`);
    const engine = await engineOf(api);
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
