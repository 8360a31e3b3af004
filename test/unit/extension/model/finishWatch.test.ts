import assert from 'node:assert/strict';
import type { Task } from '../../../../src/core/task';
import { announcer, shouldAnnounce } from '../../../../src/extension/model/finishWatch';
import { LiveState } from '../../../../src/extension/model/liveState';
import { cleanTempDirs } from '../../store/harness';
import { modelFixture } from './fixture';

const engine = (id: string, kind: 'window' | 'cli' | 'test', startedAt: number) => ({
  id,
  kind,
  label: id,
  pid: 1,
  processStart: null,
  host: 'h',
  startedAt,
  heartbeatAt: startedAt,
});

describe('extension/model/finishWatch', () => {
  afterEach(cleanTempDirs);

  it('picks the window it was delegated from, else the owning window, else the window that started first', () => {
    const engines = [engine('late', 'window', 20), engine('early', 'window', 10), engine('cli', 'cli', 1)];
    assert.equal(announcer('late', 'early', engines), 'late', 'delegated in late, run by early');
    assert.equal(announcer(null, 'late', engines), 'late');
    assert.equal(announcer('cli', 'late', engines), 'late', 'delegated from a terminal: its runner');
    assert.equal(
      announcer('gone', 'cli', engines),
      'early',
      'a CLI worker has no window: the lead window speaks',
    );
    assert.equal(announcer(null, 'dead', engines), 'early');
    assert.equal(announcer(undefined, undefined, engines), 'early');
    assert.equal(announcer(null, 'cli', [engine('cli', 'cli', 1)]), undefined, 'no window: nobody');
  });

  it('announces a task in the window it was delegated from, whichever window runs it', async () => {
    const fx = await modelFixture();
    fx.engine('a', 'window', 10);
    fx.engine('b', 'window', 20);
    const fromB = fx.add('running', 1000, 'a', 'b');
    const windows = { a: new LiveState(), b: new LiveState() };
    const heard = { a: [] as string[], b: [] as string[] };
    for (const key of ['a', 'b'] as const) {
      windows[key].onDidFinish((tasks) => heard[key].push(...tasks.map((t) => t.id)));
      windows[key].refresh({ id: key, state: fx.store });
    }
    fx.repos.tasks.finish(fromB, { state: 'failed', exitCode: 1, signal: null, reason: null, endedAt: 9000 });
    for (const key of ['a', 'b'] as const) windows[key].refresh({ id: key, state: fx.store });
    assert.deepEqual(heard, { a: [], b: [fromB] });
  });

  it('announces a task once, in the window that owned it, and not history', async () => {
    const fx = await modelFixture();
    fx.engine('a', 'window', 10);
    fx.engine('b', 'window', 20);
    fx.add('completed', 500); // finished before anyone looked: history
    const inA = fx.add('running', 1000, 'a');
    const inB = fx.add('running', 2000, 'b');
    const windows = { a: new LiveState(), b: new LiveState() };
    const heard = { a: [] as string[], b: [] as string[] };
    for (const key of ['a', 'b'] as const) {
      windows[key].onDidFinish((tasks) => heard[key].push(...tasks.map((t) => t.id)));
      windows[key].refresh({ id: key, state: fx.store });
    }
    const finish = (id: string) =>
      fx.repos.tasks.finish(id, {
        state: 'completed',
        exitCode: 0,
        signal: null,
        reason: null,
        endedAt: 9000,
      });
    finish(inA);
    finish(inB);
    for (const key of ['a', 'b'] as const) windows[key].refresh({ id: key, state: fx.store });
    assert.deepEqual(heard, { a: [inA], b: [inB] });
    for (const key of ['a', 'b'] as const) windows[key].refresh({ id: key, state: fx.store });
    assert.deepEqual(heard, { a: [inA], b: [inB] }, 'not again');
  });

  it('lets the lead window announce what a CLI worker ran, and a queued task that ended unseen', async () => {
    const fx = await modelFixture();
    fx.engine('a', 'window', 10);
    fx.engine('b', 'window', 20);
    fx.engine('cli', 'cli', 5);
    const byCli = fx.add('running', 1000, 'cli');
    const queued = fx.add('queued', 2000);
    const windows = { a: new LiveState(), b: new LiveState() };
    const heard = { a: [] as string[], b: [] as string[] };
    for (const key of ['a', 'b'] as const) {
      windows[key].onDidFinish((tasks) => heard[key].push(...tasks.map((t) => t.id)));
      windows[key].refresh({ id: key, state: fx.store });
    }
    fx.repos.tasks.finish(byCli, { state: 'failed', exitCode: 1, signal: null, reason: null, endedAt: 9000 });
    fx.repos.tasks.markRunning(queued, 3000);
    fx.repos.tasks.finish(queued, {
      state: 'completed',
      exitCode: 0,
      signal: null,
      reason: null,
      endedAt: 9000,
    });
    for (const key of ['a', 'b'] as const) windows[key].refresh({ id: key, state: fx.store });
    assert.deepEqual(heard, { a: [byCli, queued], b: [] });
  });

  it('announces per dispatch.notifications, and never a cancel a person asked for or of a task that had not started', () => {
    const task = (state: Task['state'], startedAt: number | null = 1, reason: string | null = null) =>
      ({ state, startedAt, reason }) as Task;
    const levels = ['all', 'failures', 'none'] as const;
    const table = (t: Task) => levels.map((level) => shouldAnnounce(t, level));
    assert.deepEqual(table(task('completed')), [true, false, false]);
    assert.deepEqual(table(task('failed')), [true, true, false]);
    assert.deepEqual(table(task('cancelled')), [true, false, false]);
    assert.deepEqual(table(task('cancelled', null)), [false, false, false]);
    assert.deepEqual(table(task('cancelled', 1, 'cancelled by user')), [false, false, false]);
  });
});
