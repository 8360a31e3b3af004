import assert from 'node:assert/strict';
import type { NewSchedule } from '../../../../src/core/schedule';
import { startTiming } from '../../../../src/core/scheduleRules';
import { fireDueRuns } from '../../../../src/engine/schedules/scheduleFiring';
import { openStateStore, type StateStore } from '../../../../src/store/stateStore';
import { cleanTempDirs, tempDir } from '../../store/harness';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const SEC = 1000;

function schedule(overrides: Partial<NewSchedule> = {}): NewSchedule {
  return {
    title: 'Every second',
    prompt: 'echo tick',
    agent: 'shell',
    priority: 'P1',
    cwd: '/work',
    timeoutMs: null,
    autonomy: 'edit',
    model: null,
    cron: '* * * * * *',
    timezone: 'UTC',
    runAt: null,
    missedPolicy: 'skip',
    maxRuns: null,
    expiresAt: null,
    ...overrides,
  };
}

async function create(store: StateStore, input: NewSchedule, now: number) {
  const timing = startTiming({ ...input, status: 'active', nextRunAt: null, runCount: 0 }, now);
  return store.write((r) => r.schedules.create(input, timing, now));
}

describe('engine/schedules/scheduleFiring', () => {
  const stores: StateStore[] = [];
  let dir: string;
  const open = async () => {
    const store = await openStateStore({ dir });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
    cleanTempDirs();
  });

  it('creates the task, records the run and moves the schedule on, in one write', async () => {
    const store = await open();
    const s = await create(store, schedule({ maxRuns: 2 }), T0 - 500);
    assert.equal(s.nextRunAt, T0);
    assert.deepEqual(await store.write((r) => fireDueRuns(r, T0 - 1)), [], 'not due yet');

    const [fired] = await store.write((r) => fireDueRuns(r, T0 + 10));
    assert.equal(fired!.kind, 'fired');
    const task = fired!.task!;
    assert.deepEqual(
      [task.state, task.title, task.prompt, task.agent],
      ['queued', 'Every second', 'echo tick', 'shell'],
    );
    const after = store.read((r) => r.schedules.get(s.id))!;
    assert.deepEqual([after.nextRunAt, after.runCount, after.lastTaskId], [T0 + SEC, 1, task.id]);
    assert.deepEqual(
      store.read((r) => r.schedules.runs(s.id)).map((run) => [run.dueAt, run.kind, run.taskId, run.outcome]),
      [[T0, 'fired', task.id, 'queued']],
    );
  });

  it("gives each task the schedule's autonomy and model", async () => {
    const store = await open();
    await create(store, schedule({ autonomy: 'full', model: 'opus' }), T0 - 500);
    const [fired] = await store.write((r) => fireDueRuns(r, T0 + 10));
    assert.deepEqual([fired!.task!.autonomy, fired!.task!.model], ['full', 'opus']);
  });

  it("skips a due time while the previous run's task is still queued, running or paused", async () => {
    const store = await open();
    const s = await create(store, schedule(), T0 - 500);
    await store.write((r) => fireDueRuns(r, T0));
    const [second] = await store.write((r) => fireDueRuns(r, T0 + SEC));
    assert.equal(second!.kind, 'skipped');
    assert.equal(second!.reason, 'the previous run is still active');
    const first = store.read((r) => r.schedules.get(s.id))!.lastTaskId!;
    // Paused at its agent's usage limit, it has not ended either.
    await store.write((r) => {
      r.tasks.markRunning(first, T0 + SEC);
      r.paused.pause(first, {
        exitCode: 1,
        signal: null,
        reason: 'usage-limit: x',
        endedAt: T0 + SEC,
        resumeAt: T0 + 60 * SEC,
      });
    });
    const [paused] = await store.write((r) => fireDueRuns(r, T0 + 2 * SEC));
    assert.equal(paused!.kind, 'skipped');
    await store.write((r) => r.tasks.setState(first, 'cancelled', { endedAt: T0 + SEC, reason: 'x' }));
    const [third] = await store.write((r) => fireDueRuns(r, T0 + 3 * SEC));
    assert.equal(third!.kind, 'fired');
  });

  it('finishes a schedule at maxRuns and a one-time schedule after its run', async () => {
    const store = await open();
    const limited = await create(store, schedule({ maxRuns: 1 }), T0 - 500);
    const once = await create(store, schedule({ cron: null, timezone: null, runAt: T0 }), T0 - 500);
    const fired = await store.write((r) => fireDueRuns(r, T0));
    assert.equal(fired.length, 2);
    for (const id of [limited.id, once.id]) {
      const s = store.read((r) => r.schedules.get(id))!;
      assert.deepEqual([s.status, s.nextRunAt, s.runCount], ['finished', null, 1]);
    }
    assert.deepEqual(await store.write((r) => fireDueRuns(r, T0 + 10 * SEC)), []);
  });

  it('lets exactly one of two stores on one directory fire each due time when they race', async () => {
    const [a, b] = [await open(), await open()];
    const s = await create(a, schedule({ missedPolicy: 'catchup' }), T0 - 500);
    for (let i = 0; i < 15; i++) {
      const due = T0 + i * SEC;
      // Both saw the same due time and take the lock one after the other with the same clock.
      const results = await Promise.all([a, b].map((store) => store.write((r) => fireDueRuns(r, due + 5))));
      assert.equal(results.flat().length, 1, `due time ${i} was acted on once`);
      const runTask = results.flat()[0]!.task!;
      // The run ends at once so that the next due time is not skipped for overlap.
      await a.write((r) => r.tasks.setState(runTask.id, 'cancelled', { endedAt: due + 6, reason: 'done' }));
    }
    const tasks = b.read((r) => r.tasks.list());
    assert.equal(tasks.length, 15);
    const runs = b.read((r) => r.schedules.runs(s.id));
    assert.deepEqual(
      runs.map((run) => run.dueAt).reverse(),
      Array.from({ length: 15 }, (_, i) => T0 + i * SEC),
    );
    assert.ok(runs.every((run) => run.kind === 'fired' && run.dueCount === 1));
  });

  it('lets exactly one of two racing stores catch up missed runs, once', async () => {
    const [a, b] = [await open(), await open()];
    const s = await create(a, schedule({ cron: '0 * * * *', missedPolicy: 'catchup' }), T0 - 500);
    const later = T0 + 5 * 3600 * SEC + 30 * SEC; // 10:00 … 15:00 passed with no engine open
    const results = (
      await Promise.all([a, b].map((store) => store.write((r) => fireDueRuns(r, later))))
    ).flat();
    assert.equal(results.length, 1);
    assert.equal(b.read((r) => r.tasks.list()).length, 1);
    const [run] = b.read((r) => r.schedules.runs(s.id));
    assert.deepEqual([run!.kind, run!.dueAt, run!.dueCount], ['fired', T0, 6]);
    assert.equal(b.read((r) => r.schedules.get(s.id))!.nextRunAt, T0 + 6 * 3600 * SEC);
  });
});
