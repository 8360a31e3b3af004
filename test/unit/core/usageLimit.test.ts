import assert from 'node:assert/strict';
import {
  BACKOFF_MINUTES,
  backoffMs,
  isLimitReason,
  limitVerdict,
  localClock,
  resumeWords,
} from '../../../src/core/usageLimit';

const MIN = 60_000;
const END = Date.parse('2026-12-06T20:52:00Z');
const run = (over: Partial<Parameters<typeof limitVerdict>[1]> = {}) => ({
  endedAt: END,
  limitResumes: 0,
  maxResumes: 3,
  zone: 'UTC',
  ...over,
});

describe('core/usageLimit', () => {
  it('backs off 15, 30, then 60 minutes (and 60 from then on)', () => {
    assert.deepEqual(BACKOFF_MINUTES, [15, 30, 60]);
    assert.deepEqual(
      [0, 1, 2, 3, 7].map((n) => backoffMs(n) / MIN),
      [15, 30, 60, 60, 60],
    );
  });

  it('pauses until the reset the agent gave, as an epoch or in words', () => {
    const epoch = limitVerdict({ message: "You've hit your 5-hour limit", resetAt: END + 5 * MIN }, run());
    assert.deepEqual(epoch, {
      kind: 'pause',
      resumeAt: END + 5 * MIN,
      backoff: false,
      limit: "usage-limit: You've hit your 5-hour limit",
      reason: "usage-limit: You've hit your 5-hour limit",
    });
    const worded = limitVerdict({ message: '… try again at 11:22 PM.', reset: '11:22 PM' }, run());
    assert.equal(worded.resumeAt, Date.parse('2026-12-06T23:22:00Z'));
    assert.equal(worded.backoff, false);
  });

  it('backs off and says so when no reset is given, understood, or still ahead', () => {
    for (const hit of [
      { message: 'Quota exceeded.' },
      { message: 'x', reset: 'whenever' },
      { message: 'x', resetAt: END - MIN },
    ]) {
      const verdict = limitVerdict(hit, run({ limitResumes: 1 }));
      assert.equal(verdict.kind, 'pause');
      assert.equal(verdict.resumeAt, END + 30 * MIN);
      assert.equal(verdict.backoff, true);
      assert.match(verdict.reason, /\(no reset time given: trying again in 30 minutes\)$/);
    }
  });

  it('fails the task once it was resumed maxResumes times, still pausing until the reset', () => {
    const verdict = limitVerdict({ message: 'limit', resetAt: END + MIN }, run({ limitResumes: 3 }));
    assert.equal(verdict.kind, 'fail');
    assert.equal(verdict.resumeAt, END + MIN);
    assert.equal(
      verdict.reason,
      'usage-limit: limit (already resumed 3 times; dispatch.usageLimit.maxResumes is 3)',
    );
    assert.equal(verdict.limit, 'usage-limit: limit', "the agent's pause says only the limit");
    assert.equal(limitVerdict({ message: 'limit' }, run({ maxResumes: 0 })).kind, 'fail');
  });

  it('keeps the reason one line, and bounded', () => {
    const verdict = limitVerdict({ message: `[API Error: quota\n* more\n]${'x'.repeat(500)}` }, run());
    assert.ok(!verdict.reason.includes('\n'));
    assert.ok(verdict.reason.length < 420, String(verdict.reason.length));
    assert.ok(isLimitReason(verdict.reason));
    assert.equal(isLimitReason('exit code 1'), false);
    assert.equal(isLimitReason(null), false);
  });

  it('words what comes next for a paused task: resumes by itself, or waits for the user', () => {
    const now = new Date(2026, 11, 6, 14, 0).getTime();
    const three = new Date(2026, 11, 6, 15, 0).getTime();
    assert.equal(resumeWords(three, now), 'resumes 15:00');
    assert.equal(resumeWords(three, now, true), 'resumes 15:00');
    // autoResume off: the engine never queues it by itself, so nothing may say "resumes".
    assert.equal(resumeWords(three, now, false), 'resets 15:00 · waits for Resume Now');
    assert.equal(
      resumeWords(new Date(2026, 11, 7, 9, 5).getTime(), now, false),
      'resets Dec 7, 09:05 · waits for Resume Now',
    );
    assert.equal(resumeWords(null, now), 'waits for Resume Now');
    assert.equal(resumeWords(null, now, false), 'waits for Resume Now');
    assert.equal(localClock(new Date(2026, 11, 9, 23, 50).getTime(), now), 'Dec 9, 23:50');
  });

  it('words an agent whose paused tasks are gone by its reset alone: nothing waits for Resume Now', () => {
    const now = new Date(2026, 11, 6, 14, 0).getTime();
    const three = new Date(2026, 11, 6, 15, 0).getTime();
    // Its paused tasks were cancelled or resumed by hand: only its queue waits, for the reset.
    assert.equal(resumeWords(three, now, false, false), 'resets 15:00');
    assert.equal(resumeWords(three, now, false, true), 'resets 15:00 · waits for Resume Now');
    // With autoResume on the agent's queue and its paused tasks alike go on at the reset.
    assert.equal(resumeWords(three, now, true, false), 'resumes 15:00');
  });
});
