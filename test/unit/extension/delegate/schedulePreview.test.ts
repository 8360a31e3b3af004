import assert from 'node:assert/strict';
import { checkCron } from '../../../../src/core/cron';
import {
  CRON_PRESETS,
  cronPreview,
  oncePreview,
  tomorrowAtNine,
} from '../../../../src/extension/delegate/schedulePreview';

// Friday 27 November 2026, 10:00 UTC.
const NOW = Date.UTC(2026, 10, 27, 10, 0);

describe('extension/delegate/schedulePreview', () => {
  it('previews the next 3 runs of a cron expression in its zone', () => {
    const preview = cronPreview('0 9 * * 1-5', 'UTC', NOW, 'UTC');
    assert.equal(preview.problem, undefined);
    assert.equal(preview.prompt, 'Next runs: Mon, Nov 30, 09:00 · Tue, Dec 1, 09:00 · Wed, Dec 2, 09:00');
  });

  it('names the zone when it is not this machine’s, and shows times in it', () => {
    const preview = cronPreview('30 8 * * *', 'Asia/Tokyo', NOW, 'UTC');
    // 10:00 UTC is 19:00 in Tokyo: the next 08:30 there is on the 28th.
    assert.equal(
      preview.prompt,
      'Next runs (Asia/Tokyo): Sat, Nov 28, 08:30 · Sun, Nov 29, 08:30 · Mon, Nov 30, 08:30',
    );
  });

  it('says what is wrong with an expression, as the engine would refuse it', () => {
    assert.match(cronPreview('0 9 * *', 'UTC', NOW, 'UTC').problem ?? '', /has 4 fields; use 5 fields/);
    assert.match(
      cronPreview('0 25 * * *', 'UTC', NOW, 'UTC').problem ?? '',
      /invalid cron expression "0 25 \* \* \*"/,
    );
    assert.match(cronPreview('0 0 30 2 *', 'UTC', NOW, 'UTC').problem ?? '', /never matches/);
    // Seconds are for tests only: the editor offers the 5-field contract.
    assert.ok(cronPreview('*/5 * * * * *', 'UTC', NOW, 'UTC').problem);
  });

  it('explains the fields while the box is empty, without calling it an error', () => {
    const preview = cronPreview('  ', 'UTC', NOW, 'UTC');
    assert.equal(preview.problem, undefined);
    assert.match(preview.prompt, /minute hour day-of-month month day-of-week/);
  });

  it('offers only valid presets', () => {
    for (const preset of CRON_PRESETS) assert.doesNotThrow(() => checkCron(preset.cron, 'UTC', {}, NOW));
  });

  it('previews a one-time run, and refuses a past or malformed time', () => {
    const at = new Date(NOW + 26 * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
    const preview = oncePreview(local, NOW);
    assert.equal(preview.problem, undefined);
    assert.match(preview.prompt, /^Runs once: .+ \(in 1d 2h\)$/);
    assert.match(oncePreview('2020-01-01 09:00', NOW).problem ?? '', /is in the past/);
    assert.match(oncePreview('next friday', NOW).problem ?? '', /is not an ISO date-time/);
    assert.equal(oncePreview('', NOW).problem, undefined);
  });

  it('defaults a one-time run to tomorrow at 09:00 local', () => {
    const text = tomorrowAtNine(NOW);
    const tomorrow = new Date(NOW);
    tomorrow.setDate(tomorrow.getDate() + 1);
    assert.equal(new Date(text.replace(' ', 'T')).getDate(), tomorrow.getDate());
    assert.match(text, / 09:00$/);
  });
});
