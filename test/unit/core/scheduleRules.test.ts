import assert from 'node:assert/strict';
import {
  decideDue,
  MISSED_AFTER_MS,
  nextDueAfter,
  type ScheduleTiming,
  startTiming,
} from '../../../src/core/scheduleRules';

const at = (iso: string) => Date.parse(iso);

/** An active every-minute schedule due at 10:00 UTC, as the store would hold it. */
function everyMinute(overrides: Partial<ScheduleTiming> = {}): ScheduleTiming {
  return {
    cron: '* * * * *',
    timezone: 'UTC',
    runAt: null,
    missedPolicy: 'skip',
    maxRuns: null,
    expiresAt: null,
    status: 'active',
    nextRunAt: at('2026-05-01T10:00:00Z'),
    runCount: 0,
    ...overrides,
  };
}

describe('core/scheduleRules', () => {
  describe('a due time that comes while an engine is open', () => {
    it('is not due a millisecond early, and not for a paused schedule', () => {
      assert.equal(decideDue(everyMinute(), at('2026-05-01T09:59:59.999Z'), false), undefined);
      assert.equal(
        decideDue(everyMinute({ status: 'paused' }), at('2026-05-01T10:00:00Z'), false),
        undefined,
      );
    });

    it('fires on time (and a little late) and moves to the next due time', () => {
      for (const now of [at('2026-05-01T10:00:00Z'), at('2026-05-01T10:00:40Z')]) {
        assert.deepEqual(decideDue(everyMinute(), now, false), {
          run: { dueAt: at('2026-05-01T10:00:00Z'), dueCount: 1, kind: 'fired', reason: null },
          fire: true,
          update: { nextRunAt: at('2026-05-01T10:01:00Z'), status: 'active', endReason: null },
        });
      }
    });

    it('skips while the previous run is still active, and still moves on', () => {
      const decision = decideDue(everyMinute(), at('2026-05-01T10:00:00Z'), true)!;
      assert.equal(decision.fire, false);
      assert.deepEqual(decision.run, {
        dueAt: at('2026-05-01T10:00:00Z'),
        dueCount: 1,
        kind: 'skipped',
        reason: 'the previous run is still active',
      });
      assert.equal(decision.update.nextRunAt, at('2026-05-01T10:01:00Z'));
    });
  });

  describe('missed due times (no engine open)', () => {
    const now = at('2026-05-01T10:05:30Z'); // 10:00 … 10:05 have passed: 6 due times

    it('skip: records one skipped entry for all of them and continues after now', () => {
      const d = decideDue(everyMinute(), now, false)!;
      assert.equal(d.fire, false);
      assert.deepEqual(d.run, {
        dueAt: at('2026-05-01T10:00:00Z'),
        dueCount: 6,
        kind: 'skipped',
        reason: '6 due times passed while no engine was open',
      });
      assert.deepEqual(d.update, {
        nextRunAt: at('2026-05-01T10:06:00Z'),
        status: 'active',
        endReason: null,
      });
    });

    it('catchup: fires once for all of them, then continues after now', () => {
      const d = decideDue(everyMinute({ missedPolicy: 'catchup' }), now, false)!;
      assert.equal(d.fire, true);
      assert.equal(d.run.kind, 'fired');
      assert.equal(d.run.dueCount, 6);
      assert.match(d.run.reason!, /ran once to catch up/);
      assert.equal(d.update.nextRunAt, at('2026-05-01T10:06:00Z'));
    });

    it('catchup: does not fire when the previous run is still active, or after expiry', () => {
      const busy = decideDue(everyMinute({ missedPolicy: 'catchup' }), now, true)!;
      assert.equal(busy.fire, false);
      assert.match(busy.run.reason!, /6 due times passed .*, but the previous run is still active/);
      const expired = decideDue(
        everyMinute({ missedPolicy: 'catchup', expiresAt: at('2026-05-01T10:03:00Z') }),
        now,
        false,
      )!;
      assert.equal(expired.fire, false);
      assert.equal(expired.run.dueCount, 3, 'due times at or after expiry do not count');
      assert.match(expired.run.reason!, /has expired/);
      assert.deepEqual(expired.update.status, 'finished');
    });

    it('fail: records a missed entry, creates nothing, and continues', () => {
      const d = decideDue(everyMinute({ missedPolicy: 'fail' }), now, false)!;
      assert.equal(d.fire, false);
      assert.equal(d.run.kind, 'missed');
      assert.equal(d.run.dueCount, 6);
      assert.equal(d.update.status, 'active');
    });

    it('counts a single due time as missed only when it is more than MISSED_AFTER_MS late', () => {
      const hourly = everyMinute({ cron: '0 * * * *' });
      const due = at('2026-05-01T10:00:00Z');
      assert.equal(decideDue(hourly, due + MISSED_AFTER_MS, false)!.run.kind, 'fired');
      const late = decideDue(hourly, due + MISSED_AFTER_MS + 1, false)!;
      assert.equal(late.run.kind, 'skipped');
      assert.match(late.run.reason!, /the due time passed 60 s ago/);
    });

    it('stops counting at a bound for very long gaps', () => {
      const secondly = everyMinute({ cron: '* * * * * *' });
      const d = decideDue(secondly, at('2026-05-02T10:00:00Z'), false)!;
      assert.equal(d.run.dueCount, 1000);
      assert.match(d.run.reason!, /1000 or more due times/);
      assert.equal(d.update.nextRunAt, at('2026-05-02T10:00:01Z'));
    });
  });

  describe('one-time schedules', () => {
    const once = (overrides: Partial<ScheduleTiming> = {}) =>
      everyMinute({ cron: null, timezone: null, runAt: at('2026-05-01T10:00:00Z'), ...overrides });

    it('fire once and finish', () => {
      const d = decideDue(once(), at('2026-05-01T10:00:01Z'), false)!;
      assert.equal(d.fire, true);
      assert.deepEqual(d.update, {
        nextRunAt: null,
        status: 'finished',
        endReason: 'its one due time has passed',
      });
    });

    it('apply the missed policy when no engine was open at the time', () => {
      const later = at('2026-05-01T12:00:00Z');
      assert.equal(decideDue(once(), later, false)!.run.kind, 'skipped');
      assert.equal(decideDue(once({ missedPolicy: 'catchup' }), later, false)!.fire, true);
      assert.equal(decideDue(once({ missedPolicy: 'fail' }), later, false)!.run.kind, 'missed');
      for (const policy of ['skip', 'catchup', 'fail'] as const) {
        assert.equal(decideDue(once({ missedPolicy: policy }), later, false)!.update.status, 'finished');
      }
    });

    it('start at their time, and finish on resume when it passed while paused', () => {
      const start = startTiming(once({ nextRunAt: null }), at('2026-05-01T09:00:00Z'));
      assert.deepEqual(start, { nextRunAt: at('2026-05-01T10:00:00Z'), status: 'active', endReason: null });
      const resumed = startTiming(once({ nextRunAt: null }), at('2026-05-01T11:00:00Z'));
      assert.equal(resumed.status, 'finished');
      assert.match(resumed.endReason!, /passed while it was paused/);
    });
  });

  describe('maxRuns and expiresAt', () => {
    it('finish after the last allowed run', () => {
      const d = decideDue(everyMinute({ maxRuns: 3, runCount: 2 }), at('2026-05-01T10:00:00Z'), false)!;
      assert.equal(d.fire, true);
      assert.deepEqual(d.update, { nextRunAt: null, status: 'finished', endReason: 'ran 3 of 3 runs' });
    });

    it('do not count skipped runs', () => {
      const d = decideDue(everyMinute({ maxRuns: 3, runCount: 2 }), at('2026-05-01T10:00:00Z'), true)!;
      assert.equal(d.update.status, 'active');
    });

    it('never give a due time at or after expiry, and finish when none is left', () => {
      const s = everyMinute({ expiresAt: at('2026-05-01T10:02:00Z') });
      assert.equal(nextDueAfter(s, at('2026-05-01T10:00:00Z')), at('2026-05-01T10:01:00Z'));
      assert.equal(nextDueAfter(s, at('2026-05-01T10:01:00Z')), null);
      const last = decideDue(
        { ...s, nextRunAt: at('2026-05-01T10:01:00Z') },
        at('2026-05-01T10:01:00Z'),
        false,
      )!;
      assert.equal(last.fire, true);
      assert.equal(last.update.status, 'finished');
      assert.match(last.update.endReason!, /no due time is left before it expires/);
    });

    it('on resume after expiry, finish at once', () => {
      const resumed = startTiming(
        everyMinute({ expiresAt: at('2026-05-01T10:02:00Z') }),
        at('2026-05-01T11:00:00Z'),
      );
      assert.equal(resumed.status, 'finished');
      assert.match(resumed.endReason!, /expired at 2026-05-01T10:02:00.000Z/);
    });
  });

  it('resume continues from the next due time after now, not from the paused-over ones', () => {
    assert.equal(
      startTiming(everyMinute({ status: 'paused', nextRunAt: null }), at('2026-05-01T12:00:30Z')).nextRunAt,
      at('2026-05-01T12:01:00Z'),
    );
  });
});
