import assert from 'node:assert/strict';
import { type StoreReader, type TasksChange, TasksModel } from '../../../../src/extension/model/tasksModel';
import type { ListFilter } from '../../../../src/store/repositories';
import { cleanTempDirs } from '../../store/harness';
import { modelFixture } from './fixture';

describe('extension/model/tasksModel', () => {
  afterEach(cleanTempDirs);

  it('shows no group without tasks, so the view shows its welcome text', async () => {
    const fx = await modelFixture();
    const model = new TasksModel();
    model.refresh(fx.store);
    assert.deepEqual(model.visibleStates(), []);
    assert.equal(model.total, 0);
  });

  it('groups by state with counts, newest first; only the groups that have tasks', async () => {
    const fx = await modelFixture();
    const older = fx.add('completed', 1000);
    const newer = fx.add('completed', 2000);
    fx.add('running', 3000);
    fx.add('queued', 4000);
    fx.add('failed', 5000);
    const model = new TasksModel();
    model.refresh(fx.store);
    assert.deepEqual(model.visibleStates(), ['running', 'queued', 'completed', 'failed']);
    assert.deepEqual(
      model.group('completed').tasks.map((t) => t.id),
      [newer, older],
    );
    assert.equal(model.count('running'), 1);
    fx.add('blocked', 6000);
    model.refresh(fx.store);
    assert.ok(model.visibleStates().includes('blocked'));
    assert.ok(!model.visibleStates().includes('cancelled'));
    // Paused at a usage limit: its own group, after Running, only while it has tasks.
    const paused = fx.add('paused', 7000);
    model.refresh(fx.store);
    assert.deepEqual(model.visibleStates().slice(0, 2), ['running', 'paused']);
    assert.deepEqual(
      model.group('paused').tasks.map((t) => [t.id, t.resumeAt]),
      [[paused, 67_000]],
    );
    assert.ok(
      model.unfinished().some((t) => t.id === paused),
      'a paused task is not finished',
    );
  });

  it('loads a page per group and the next page on showMore', async () => {
    const fx = await modelFixture();
    for (let i = 0; i < 7; i++) fx.add('completed', 1000 + i);
    const model = new TasksModel(3);
    model.refresh(fx.store);
    assert.equal(model.group('completed').count, 7);
    assert.equal(model.group('completed').tasks.length, 3);
    model.showMore('completed');
    assert.equal(model.group('completed').tasks.length, 6);
    model.refresh(fx.store); // a later change keeps the pages already shown
    assert.equal(model.group('completed').tasks.length, 6);
    model.showMore('completed');
    assert.equal(model.group('completed').tasks.length, 7);
  });

  it('reports only the groups that changed, and the root when a group appears', async () => {
    const fx = await modelFixture();
    fx.add('completed', 1000);
    const model = new TasksModel();
    const seen: TasksChange[] = [];
    model.onDidChange((c) => seen.push(c));
    model.refresh(fx.store);
    assert.equal(seen.at(-1)?.root, true);
    seen.length = 0;
    model.refresh(fx.store);
    assert.deepEqual(seen, [], 'nothing changed: no event');
    const id = fx.add('queued', 2000);
    model.refresh(fx.store);
    // Queued was empty, so hidden: it appears (the root is redrawn).
    assert.deepEqual(seen, [{ groups: ['queued'], root: true }]);
    fx.add('queued', 2500);
    model.refresh(fx.store);
    assert.deepEqual(seen.at(-1), { groups: ['queued'], root: false }, 'one more in a shown group');
    fx.repos.tasks.setState(id, 'cancelled', { endedAt: 3000 });
    model.refresh(fx.store);
    assert.deepEqual(seen.at(-1), { groups: ['queued', 'cancelled'], root: true });
  });

  it('empties when the engine goes away', async () => {
    const fx = await modelFixture();
    fx.add('queued', 1000);
    const model = new TasksModel();
    model.refresh(fx.store);
    const change = model.refresh(undefined);
    assert.equal(change.root, true);
    assert.equal(model.total, 0);
  });

  it('re-reads a finished page only when its count changes or a task left the unfinished groups', async () => {
    const fx = await modelFixture();
    const old = fx.add('completed', 1000);
    const running = fx.add('running', 2000);
    const lists: string[] = [];
    // The fixture's store, noting which groups' pages are read.
    const store: StoreReader = {
      read: (query) =>
        fx.store.read((r) => {
          const tasks = new Proxy(r.tasks, {
            get: (target, key) =>
              key === 'list'
                ? (filter: ListFilter) => {
                    lists.push(String(filter.states));
                    return target.list(filter);
                  }
                : Reflect.get(target, key),
          });
          return query({ ...r, tasks });
        }),
    };
    const model = new TasksModel();
    model.refresh(store);
    lists.length = 0;
    fx.repos.tasks.setOutputStats(running, 100, 1); // routine bookkeeping
    model.refresh(store);
    assert.deepEqual(lists, ['running'], 'only the unfinished groups with tasks');
    // A delete and a finish seen in one change keep the count: the finish still shows.
    fx.repos.history.delete([old]);
    fx.repos.tasks.finish(running, {
      state: 'completed',
      exitCode: 0,
      signal: null,
      reason: null,
      endedAt: 3000,
    });
    model.refresh(store);
    assert.deepEqual(
      model.group('completed').tasks.map((t) => t.id),
      [running],
    );
  });
});
