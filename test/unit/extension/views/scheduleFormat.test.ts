import assert from 'node:assert/strict';
import type { Schedule, ScheduleRun } from '../../../../src/core/schedule';
import {
  runDescription,
  scheduleDescription,
  timingLabel,
} from '../../../../src/extension/views/scheduleFormat';

const NOW = new Date(2026, 10, 27, 10, 0).getTime();

const schedule = (extra: Partial<Schedule> = {}): Schedule =>
  ({
    agent: 'claude',
    cron: '0 9 * * 1-5',
    timezone: 'UTC',
    runAt: null,
    status: 'active',
    nextRunAt: new Date(2026, 10, 27, 14, 5).getTime(),
    maxRuns: null,
    runCount: 0,
    ...extra,
  }) as Schedule;

const run = (extra: Partial<ScheduleRun>): ScheduleRun => ({
  scheduleId: 's',
  dueAt: NOW,
  dueCount: 1,
  at: NOW,
  kind: 'fired',
  taskId: 'abcdef123456',
  outcome: 'completed',
  reason: null,
  ...extra,
});

describe('extension/views/scheduleFormat', () => {
  it('describes an active schedule by its next run, timing and limit', () => {
    assert.equal(scheduleDescription(schedule(), NOW, 'UTC'), 'claude · next 14:05 · 0 9 * * 1-5');
    assert.equal(
      scheduleDescription(schedule({ maxRuns: 3, runCount: 1 }), NOW, 'Europe/Berlin'),
      'claude · next 14:05 · 0 9 * * 1-5 (UTC) · 1/3 runs',
    );
  });

  it('says paused, finished or cancelled instead of a next run', () => {
    assert.equal(
      scheduleDescription(schedule({ status: 'paused', nextRunAt: null }), NOW, 'UTC'),
      'claude · paused · 0 9 * * 1-5',
    );
    assert.equal(
      scheduleDescription(
        schedule({ status: 'finished', nextRunAt: null, cron: null, timezone: null }),
        NOW,
        'UTC',
      ),
      'claude · finished · once',
    );
    assert.equal(timingLabel({ cron: null, timezone: null }, 'UTC'), 'once');
  });

  it('describes a run by its task, or why no task was made', () => {
    assert.equal(runDescription(run({})), 'completed · abcdef123456');
    assert.equal(
      runDescription(
        run({ kind: 'skipped', taskId: null, outcome: 'skipped', reason: 'previous run still running' }),
      ),
      'skipped: previous run still running',
    );
    assert.equal(
      runDescription(run({ kind: 'missed', taskId: null, outcome: 'missed', dueCount: 3 })),
      'missed ×3',
    );
  });
});
