import assert from 'node:assert/strict';
import { resetPhrase, resetTime } from '../../../src/core/resetTime';

const at = (iso: string) => Date.parse(iso);
// When the captures were made (test/fixtures/agents/captured/README.md): the evening of Dec 6, UTC.
const CAPTURED = at('2026-12-06T20:52:00Z');

describe('core/resetTime', () => {
  describe('resetPhrase: the reset in each CLI’s limit message (docs/agents.md, Limits)', () => {
    const cases: [string, string | undefined][] = [
      ["You've hit your 5-hour limit · resets 11:50pm (UTC)", '11:50pm (UTC)'],
      ["You've hit your weekly limit · resets Dec 9, 11:50pm (UTC)", 'Dec 9, 11:50pm (UTC)'],
      [
        "You've hit your session limit · resets 12:50am (America/Los_Angeles)",
        '12:50am (America/Los_Angeles)',
      ],
      [
        'You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again at 11:22 PM.',
        '11:22 PM',
      ],
      [
        'You’ve hit your usage limit. Visit https://chatgpt.com/settings/usage to purchase more credits or try again at Dec 9th, 2026 11:23 PM.',
        'Dec 9th, 2026 11:23 PM',
      ],
      [
        "You've hit your usage limit. To get more access now, send a request to your admin or try again in 5 days 22 hours 11 minutes.",
        'in 5 days 22 hours 11 minutes',
      ],
      [
        '[API Error: You exceeded your current quota.\n* Quota exceeded for metric: x, limit: 2\nPlease retry in 2.5s.\nSuggested retry after 2s.]\nPlease wait and try again later.',
        'in 2.5s',
      ],
      ['[API Error: quota]\nSuggested retry after 30s.]', 'in 30s'],
      [
        '[API Error: You have exhausted your daily quota on this model.]\nPlease wait and try again later.',
        undefined,
      ],
      ['Quota exceeded. Check your plan and billing details.', undefined],
      ['exceeded retry limit, last status: 429 Too Many Requests, request id: req_mockerr', undefined],
    ];
    for (const [message, phrase] of cases) {
      it(`${JSON.stringify(message.slice(0, 60))} → ${phrase}`, () => {
        assert.equal(resetPhrase(message), phrase);
      });
    }
  });

  describe('resetTime', () => {
    it('reads epochs in seconds and milliseconds, and ISO times', () => {
      assert.equal(resetTime('1796601015', 0), 1796601015_000);
      assert.equal(resetTime('1796601015123', 0), 1796601015123);
      assert.equal(resetTime('2026-12-07T15:00:00Z', 0), at('2026-12-07T15:00:00Z'));
      assert.equal(resetTime('2026-12-07T15:00:00+01:00', 0), at('2026-12-07T14:00:00Z'));
    });

    it('reads delays from now', () => {
      assert.equal(resetTime('in 2.5s', 1000), 3500);
      assert.equal(resetTime('30s', 0), 30_000);
      assert.equal(resetTime('in 5 days 22 hours 11 minutes', 0), ((5 * 24 + 22) * 60 + 11) * 60_000);
      assert.equal(resetTime('1h 30m', 0), 90 * 60_000);
      assert.equal(resetTime('in 3 seconds', 10), 3010);
      assert.equal(resetTime('in 1 hour and 5 minutes', 0), 65 * 60_000);
      assert.equal(resetTime('500ms', 0), 500);
    });

    it('reads a clock time as its next occurrence, in the zone it names or the local one', () => {
      // Claude: "resets 11:50pm (UTC)", seen at 20:52 UTC: the same evening.
      assert.equal(resetTime('11:50pm (UTC)', CAPTURED, 'Europe/Paris'), at('2026-12-06T23:50:00Z'));
      // Codex: "try again at 11:22 PM", local time.
      assert.equal(resetTime('11:22 PM', CAPTURED, 'UTC'), at('2026-12-06T23:22:00Z'));
      assert.equal(resetTime('11:22 PM', CAPTURED, 'Europe/Paris'), at('2026-12-06T22:22:00Z'));
      // A custom agent's "3pm" and "15:00", already past today: tomorrow.
      assert.equal(resetTime('3pm', CAPTURED, 'UTC'), at('2026-12-07T15:00:00Z'));
      assert.equal(resetTime('15:00', CAPTURED, 'UTC'), at('2026-12-07T15:00:00Z'));
      assert.equal(resetTime('9:05 p.m.', CAPTURED, 'UTC'), at('2026-12-06T21:05:00Z'));
      assert.equal(resetTime('12am', CAPTURED, 'UTC'), at('2026-12-07T00:00:00Z'));
      assert.equal(resetTime('12:30pm', CAPTURED, 'UTC'), at('2026-12-07T12:30:00Z'));
      // "12:50am (America/Los_Angeles)" at 20:52 UTC (12:52 in LA): the next night, 08:50 UTC.
      assert.equal(resetTime('12:50am (America/Los_Angeles)', CAPTURED, 'UTC'), at('2026-12-07T08:50:00Z'));
    });

    it('reads a date with the time, this year or the next', () => {
      assert.equal(resetTime('Dec 9, 11:50pm (UTC)', CAPTURED), at('2026-12-09T23:50:00Z'));
      assert.equal(resetTime('Dec 9th, 2026 11:23 PM', CAPTURED, 'UTC'), at('2026-12-09T23:23:00Z'));
      assert.equal(resetTime('Jan 2, 1:00am (UTC)', CAPTURED), at('2027-01-02T01:00:00Z'));
      assert.equal(resetTime('December 9 11:50pm', CAPTURED, 'UTC'), at('2026-12-09T23:50:00Z'));
    });

    it('keeps the wall time across a daylight-saving change', () => {
      // Mar 8, 2026: US clocks go forward at 2am; 3pm that day in New York is 19:00 UTC (EDT).
      const before = at('2026-03-08T05:00:00Z');
      assert.equal(resetTime('3pm (America/New_York)', before), at('2026-03-08T19:00:00Z'));
      assert.equal(
        resetTime('1am (America/New_York)', at('2026-03-07T12:00:00Z')),
        at('2026-03-08T06:00:00Z'),
      );
    });

    it('gives up on what it does not understand', () => {
      for (const text of [
        '',
        'soon',
        '15',
        '25:00',
        '13pm',
        'Foo 9, 3pm',
        'in a while',
        'tomorrow 3pm',
        '3pm (Not/AZone)x',
      ]) {
        assert.equal(resetTime(text, CAPTURED, 'UTC'), undefined, text);
      }
      // An unknown zone name falls back to the local zone rather than failing.
      assert.equal(resetTime('11:50pm (PST8PDTX)', CAPTURED, 'UTC'), at('2026-12-06T23:50:00Z'));
    });
  });
});
