import assert from 'node:assert/strict';
import { isDispatchError } from '../../../src/core/errors';
import { budgetHoldText, dailyBudget, parseSince, startOfLocalDay, usdText } from '../../../src/core/usage';

describe('core/usage', () => {
  // 15:42:10 local time on a day in the middle of a month, whatever the machine's zone.
  const now = new Date(2026, 10, 18, 15, 42, 10, 500).getTime();
  const midnight = new Date(2026, 10, 18).getTime();

  it('starts today at local midnight', () => {
    assert.equal(startOfLocalDay(now), midnight);
    assert.equal(startOfLocalDay(midnight), midnight);
    assert.equal(startOfLocalDay(midnight - 1), new Date(2026, 10, 17).getTime());
  });

  it('reads --since as today (the default) or whole hours or days back from now', () => {
    assert.deepEqual(parseSince(undefined, now), { sinceMs: midnight, label: 'today' });
    assert.deepEqual(parseSince(' Today ', now), { sinceMs: midnight, label: 'today' });
    assert.deepEqual(parseSince('1d', now), { sinceMs: now - 86_400_000, label: 'the last day' });
    assert.deepEqual(parseSince('7d', now), { sinceMs: now - 7 * 86_400_000, label: 'the last 7 days' });
    assert.deepEqual(parseSince('30D', now), { sinceMs: now - 30 * 86_400_000, label: 'the last 30 days' });
    assert.deepEqual(parseSince('12h', now), { sinceMs: now - 12 * 3_600_000, label: 'the last 12 hours' });
    assert.equal(parseSince('3650d', now).sinceMs, now - 3650 * 86_400_000);
  });

  it('refuses any other --since with one line saying what to type', () => {
    for (const bad of ['', 'yesterday', '7', 'd', '0d', '-1d', '1.5d', '7 days', '1w', '3651d', '87601h']) {
      assert.throws(
        () => parseSince(bad, now),
        (err: unknown) =>
          isDispatchError(err) &&
          err.code === 'invalid-input' &&
          err.message ===
            `bad --since "${bad}": use today, or hours or days such as 12h, 1d, 7d or 30d (at most 3650d)`,
        bad,
      );
    }
  });

  it('has a budget only when one above 0 is set, for the local day of `now`', () => {
    assert.equal(dailyBudget(0, now), undefined);
    assert.deepEqual(dailyBudget(5, now), { dailyUsd: 5, dayStart: midnight });
  });

  it('words money in cents, or in four places below a cent', () => {
    assert.deepEqual(
      [usdText(5), usdText(5.123), usdText(0), usdText(0.00164), usdText(0.01)],
      ['$5.00', '$5.12', '$0.00', '$0.0016', '$0.01'],
    );
    assert.equal(budgetHoldText(5, 5.12), 'daily budget $5.00 reached ($5.12 today)');
  });
});
