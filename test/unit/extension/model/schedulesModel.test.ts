import assert from 'node:assert/strict';
import type { NewSchedule } from '../../../../src/core/schedule';
import { ENDED_SHOWN_MS, RUNS_SHOWN, SchedulesModel } from '../../../../src/extension/model/schedulesModel';
import { cleanTempDirs } from '../../store/harness';
import { modelFixture } from './fixture';

const NOW = 100 * ENDED_SHOWN_MS;

const newSchedule = (title: string): NewSchedule => ({
  title,
  prompt: title,
  agent: 'shell',
  priority: 'P1',
  cwd: '/work',
  timeoutMs: null,
  autonomy: 'edit',
  model: null,
  cron: '0 3 * * *',
  timezone: 'UTC',
  runAt: null,
  missedPolicy: 'skip',
  maxRuns: null,
  expiresAt: null,
});

describe('extension/model/schedulesModel', () => {
  afterEach(cleanTempDirs);

  it('lists active, then paused, then recently ended schedules; long-ended ones are left out', async () => {
    const fx = await modelFixture();
    const s = fx.repos.schedules;
    const make = (title: string, at: number) =>
      s.create(newSchedule(title), { nextRunAt: at + 1000, status: 'active', endReason: null }, at);
    const paused = make('paused', NOW - 5);
    s.setStatus(paused.id, 'paused', { nextRunAt: null, endReason: null }, NOW - 5);
    const old = make('cancelled long ago', 1);
    s.setStatus(
      old.id,
      'cancelled',
      { nextRunAt: null, endReason: 'cancelled by user' },
      NOW - ENDED_SHOWN_MS - 1,
    );
    const recent = make('cancelled today', NOW - 10);
    s.setStatus(recent.id, 'cancelled', { nextRunAt: null, endReason: 'cancelled by user' }, NOW - 10);
    make('active', NOW - 20);
    const model = new SchedulesModel(() => NOW);
    assert.equal(model.refresh(fx.store), true);
    assert.deepEqual(
      model.entries.map((e) => e.schedule.title),
      ['active', 'paused', 'cancelled today'],
    );
  });

  it('keeps the latest runs of each schedule, newest first', async () => {
    const fx = await modelFixture();
    const s = fx.repos.schedules.create(
      newSchedule('hourly'),
      { nextRunAt: NOW, status: 'active', endReason: null },
      1,
    );
    for (let i = 0; i < RUNS_SHOWN + 3; i++) {
      fx.repos.schedules.recordRun({
        scheduleId: s.id,
        dueAt: 1000 + i,
        dueCount: 1,
        at: 1000 + i,
        kind: 'skipped',
        taskId: null,
        outcome: 'skipped',
        reason: 'previous run still running',
      });
    }
    const model = new SchedulesModel(() => NOW);
    model.refresh(fx.store);
    const runs = model.find(s.id)?.runs ?? [];
    assert.equal(runs.length, RUNS_SHOWN);
    assert.equal(runs[0]!.dueAt, 1000 + RUNS_SHOWN + 2);
  });

  it('fires only when something shown changed', async () => {
    const fx = await modelFixture();
    const model = new SchedulesModel(() => NOW);
    let fired = 0;
    model.onDidChange(() => fired++);
    assert.equal(model.refresh(fx.store), false, 'no schedules before, none now');
    const s = fx.repos.schedules.create(
      newSchedule('daily'),
      { nextRunAt: NOW + 5, status: 'active', endReason: null },
      NOW,
    );
    assert.equal(model.refresh(fx.store), true);
    fx.add('running', NOW); // a task change alone shows nothing new here
    assert.equal(model.refresh(fx.store), false);
    fx.repos.schedules.setStatus(s.id, 'paused', { nextRunAt: null, endReason: null }, NOW + 1);
    assert.equal(model.refresh(fx.store), true);
    assert.equal(model.refresh(undefined), true, 'the engine closed: nothing to show');
    assert.deepEqual(model.entries, []);
    assert.equal(fired, 3);
  });
});
