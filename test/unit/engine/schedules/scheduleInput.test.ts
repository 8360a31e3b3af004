import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import {
  futureTime,
  type ScheduleInput,
  validateNewSchedule,
} from '../../../../src/engine/schedules/scheduleInput';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const { config } = parseConfig({ defaultAgent: 'shell' });
const validate = (input: Partial<ScheduleInput>) =>
  validateNewSchedule({ prompt: 'Run the nightly checks', ...input }, config, tmpdir(), NOW);
const refused = (pattern: RegExp) => (err: unknown) =>
  isDispatchError(err, 'invalid-input') && pattern.test(err.message);

describe('engine/schedules/scheduleInput', () => {
  it('makes a cron schedule with the task defaults, skip policy and the given zone', () => {
    const s = validate({ cron: ' 0 3 * * * ', timezone: 'Europe/Berlin', priority: 'P2' });
    assert.deepEqual(
      [s.cron, s.timezone, s.runAt, s.missedPolicy, s.maxRuns, s.expiresAt],
      ['0 3 * * *', 'Europe/Berlin', null, 'skip', null, null],
    );
    assert.deepEqual(
      [s.agent, s.priority, s.title, s.cwd],
      ['shell', 'P2', 'Run the nightly checks', tmpdir()],
    );
  });

  it('stores the local zone when none is given, so every engine reads the expression alike', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.equal(validate({ cron: '0 3 * * *' }).timezone, zone);
  });

  it('makes a one-time schedule from an ISO date-time, ms or a Date', () => {
    assert.equal(validate({ at: '2026-05-01T12:00:00Z' }).runAt, Date.parse('2026-05-01T12:00:00Z'));
    assert.equal(validate({ at: '2026-05-01T14:00+02:00' }).runAt, Date.parse('2026-05-01T12:00:00Z'));
    assert.equal(validate({ at: NOW + 5 }).runAt, NOW + 5);
    assert.equal(validate({ at: new Date(NOW + 7) }).runAt, NOW + 7);
    const s = validate({
      at: '2026-06-01T09:00',
      missed: 'catchup',
      maxRuns: 1,
      expiresAt: '2026-07-01T00:00Z',
    });
    assert.deepEqual([s.cron, s.timezone, s.missedPolicy, s.maxRuns], [null, null, 'catchup', 1]);
  });

  it('refuses each kind of bad input with a message that says what to do', () => {
    assert.throws(
      () => validate({}),
      refused(/give a cron expression \(--cron\) .* or a date-time \(--at\)/),
    );
    assert.throws(() => validate({ cron: '* * * * *', at: '2027-01-01T00:00Z' }), refused(/not both/));
    assert.throws(() => validate({ cron: 'every day' }), refused(/invalid cron expression "every day"/));
    assert.throws(() => validate({ cron: '* * * * * *' }), refused(/has 6 fields; use 5 fields/));
    assert.throws(
      () => validate({ cron: '* * * * *', timezone: 'Moon/Base' }),
      refused(/unknown time zone "Moon\/Base"/),
    );
    assert.throws(
      () => validate({ at: '2026-05-01T09:00Z' }),
      refused(/2026-05-01T09:00:00.000Z is in the past/),
    );
    assert.throws(
      () => validate({ at: 'next friday' }),
      refused(/"next friday" is not an ISO date-time; write it like/),
    );
    assert.throws(
      () => validate({ at: '2026-06-01' }),
      refused(/not an ISO date-time/),
      'a date alone is refused',
    );
    assert.throws(
      () => validate({ at: '2026-06-01T09:00', timezone: 'UTC' }),
      refused(/time zone applies to a cron/),
    );
    assert.throws(
      () => validate({ cron: '* * * * *', missed: 'later' }),
      refused(/bad missed-run policy "later"/),
    );
    assert.throws(
      () => validate({ cron: '* * * * *', maxRuns: 0 }),
      refused(/max runs must be a whole number/),
    );
    assert.throws(
      () => validate({ cron: '* * * * *', expiresAt: '2020-01-01T00:00Z' }),
      refused(/expiry time .* past/),
    );
    assert.throws(
      () => validate({ at: '2026-06-01T09:00Z', expiresAt: '2026-06-01T08:00Z' }),
      refused(/would never run: it has no due time before it expires/),
    );
    assert.throws(() => validate({ cron: '* * * * *', agent: 'nope' }), refused(/unknown agent "nope"/));
    assert.throws(() => validate({ cron: '* * * * *', prompt: ' ' }), refused(/prompt is empty/));
  });

  it('accepts a seconds field only with allowSeconds (tests and development)', () => {
    assert.equal(validate({ cron: '*/5 * * * * *', allowSeconds: true }).cron, '*/5 * * * * *');
  });

  it('reads future times', () => {
    assert.equal(futureTime('2026-05-01 10:00:01Z', 'x', NOW), NOW + 1000);
    assert.throws(() => futureTime(NOW, 'the time', NOW), refused(/the time .* is in the past/));
  });
});
