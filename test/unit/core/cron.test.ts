import assert from 'node:assert/strict';
import { checkCron, checkTimeZone, nextCronRun, previewRuns } from '../../../src/core/cron';
import { isDispatchError } from '../../../src/core/errors';

const at = (iso: string) => Date.parse(iso);
const isoAll = (times: number[]) => times.map((t) => new Date(t).toISOString());
const inputError = (pattern: RegExp) => (err: unknown) =>
  isDispatchError(err, 'invalid-input') && pattern.test(err.message);

describe('core/cron', () => {
  describe('next run times across daylight-saving changes', () => {
    // America/New_York 2026: clocks go 02:00 EST -> 03:00 EDT on 8 March, 02:00 EDT -> 01:00 EST on 1 November.
    it('runs a daily 02:30 job in New York at 03:00 EDT on the spring-forward day, then at 02:30 again', () => {
      assert.deepEqual(isoAll(previewRuns('30 2 * * *', 'America/New_York', 3, at('2026-03-07T12:00:00Z'))), [
        '2026-03-08T07:00:00.000Z', // 03:00 EDT: 02:30 does not exist that day
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
        '2026-03-10T06:30:00.000Z',
      ]);
    });

    it('skips the missing hour for an every-30-minutes job on the spring-forward day', () => {
      assert.deepEqual(
        isoAll(previewRuns('*/30 * * * *', 'America/New_York', 3, at('2026-03-08T06:00:00Z'))),
        [
          '2026-03-08T06:30:00.000Z', // 01:30 EST
          '2026-03-08T07:00:00.000Z', // 03:00 EDT (02:00 and 02:30 never happen)
          '2026-03-08T07:30:00.000Z',
        ],
      );
    });

    it('runs a daily 01:30 job once on the fall-back day, though 01:30 happens twice', () => {
      assert.deepEqual(isoAll(previewRuns('30 1 * * *', 'America/New_York', 2, at('2026-10-31T12:00:00Z'))), [
        '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) is not run again
        '2026-11-02T06:30:00.000Z',
      ]);
    });

    it('runs an every-30-minutes job on both occurrences of the repeated hour', () => {
      assert.deepEqual(
        isoAll(previewRuns('*/30 * * * *', 'America/New_York', 4, at('2026-11-01T04:50:00Z'))),
        [
          '2026-11-01T05:00:00.000Z', // 01:00 EDT
          '2026-11-01T05:30:00.000Z', // 01:30 EDT
          '2026-11-01T06:00:00.000Z', // 01:00 EST
          '2026-11-01T06:30:00.000Z', // 01:30 EST
        ],
      );
    });

    it('keeps a 09:00 Berlin job at 09:00 local time across both changes', () => {
      // Europe/Berlin 2026: summer time from 29 March to 25 October.
      assert.deepEqual(isoAll(previewRuns('0 9 * * *', 'Europe/Berlin', 2, at('2026-03-28T12:00:00Z'))), [
        '2026-03-29T07:00:00.000Z', // 09:00 CEST
        '2026-03-30T07:00:00.000Z',
      ]);
      assert.deepEqual(isoAll(previewRuns('0 9 * * *', 'Europe/Berlin', 2, at('2026-10-24T12:00:00Z'))), [
        '2026-10-25T08:00:00.000Z', // 09:00 CET
        '2026-10-26T08:00:00.000Z',
      ]);
    });

    it('reads the same expression differently in different zones', () => {
      const from = at('2026-06-01T00:00:00Z');
      assert.equal(nextCronRun('0 9 * * *', 'UTC', from), at('2026-06-01T09:00:00Z'));
      assert.equal(nextCronRun('0 9 * * *', 'Asia/Tokyo', from), at('2026-06-02T00:00:00Z'));
    });
  });

  it('gives the first run strictly after the given time', () => {
    assert.equal(nextCronRun('* * * * *', 'UTC', at('2026-01-01T00:01:00Z')), at('2026-01-01T00:02:00Z'));
    assert.equal(nextCronRun('0 0 1 1 *', 'UTC', at('2026-01-01T00:00:00Z')), at('2027-01-01T00:00:00Z'));
  });

  describe('validation', () => {
    it('accepts 5 fields and nicknames', () => {
      checkCron('*/15 9-17 * * 1-5', 'Europe/Berlin');
      checkCron('@daily', 'UTC');
    });

    it('accepts a seconds field only when asked', () => {
      assert.throws(
        () => checkCron('* * * * * *', 'UTC'),
        inputError(/has 6 fields; use 5 fields: minute hour/),
      );
      checkCron('*/2 * * * * *', 'UTC', { allowSeconds: true });
      assert.equal(
        previewRuns('*/2 * * * * *', 'UTC', 1, at('2026-01-01T00:00:00.500Z'))[0],
        at('2026-01-01T00:00:02Z'),
      );
    });

    it('names what is wrong with an expression', () => {
      assert.throws(
        () => checkCron('61 * * * *', 'UTC'),
        inputError(/invalid cron expression "61 \* \* \* \*": .*minute/),
      );
      assert.throws(() => checkCron('* * *', 'UTC'), inputError(/has 3 fields/));
      assert.throws(() => checkCron('', 'UTC'), inputError(/has 0 fields/));
      assert.throws(() => checkCron('0 0 30 2 *', 'UTC'), inputError(/never matches a date/));
    });

    it('refuses an unknown time zone', () => {
      checkTimeZone('America/New_York');
      assert.throws(
        () => checkTimeZone('Mars/Olympus'),
        inputError(/unknown time zone "Mars\/Olympus"; use an IANA name/),
      );
      assert.throws(() => checkCron('* * * * *', 'Nowhere'), inputError(/unknown time zone/));
    });
  });
});
