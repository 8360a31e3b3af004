// From each real CLI's captured limit (test/fixtures/agents/captured) to when the task resumes:
// the decoder's events, folded into the task's result as the supervisor does, then the verdict.
import assert from 'node:assert/strict';
import { limitVerdict } from '../../../../src/core/usageLimit';
import { createResultFold } from '../../../../src/engine/agents/resultFold';
import { decodeCapture } from '../../../support/captured';

const MIN = 60_000;

/** The capture's result as the supervisor records it, with the exit code the CLI had. */
function resultOf(name: string, exitCode: number) {
  const fold = createResultFold();
  for (const { event, stream } of decodeCapture(name)) fold.add([event], stream);
  return fold.result(exitCode);
}

// When each run ended (the events' timestamps where they have them; else the capture's hour).
const CASES: [capture: string, exit: number, endedAt: string, resumeAt: string | null][] = [
  // Claude's rate_limit_event names the reset as an epoch.
  ['claude-oauth-usage', 1, '2026-12-06T20:50:15.742Z', '2026-12-06T23:50:15Z'],
  ['claude-oauth-usage7d', 1, '2026-12-06T20:50:35.110Z', '2026-12-09T23:50:34Z'],
  // A 429 after Claude's own retries: no reset given.
  ['claude-r429', 1, '2026-12-06T20:50:01.189Z', null],
  // Codex's "try again at 11:22 PM" (the capture's machine ran in UTC).
  ['codex-usage', 1, '2026-12-06T20:52:00Z', '2026-12-06T23:22:00Z'],
  ['codex-usage7d', 1, '2026-12-06T20:52:00Z', '2026-12-09T23:23:00Z'],
  ['codex-usagefree', 1, '2026-12-06T20:52:00Z', '2026-12-09T23:23:00Z'],
  ['codex-quota', 1, '2026-12-06T20:52:00Z', null],
  ['codex-r429', 1, '2026-12-06T20:52:00Z', null],
  // Gemini's per-minute quota: "Please retry in 2.5s."; the daily one says no time.
  ['gemini-r429', 173, '2026-12-06T20:57:33.871Z', '2026-12-06T20:57:36.371Z'],
  ['gemini-daily', 173, '2026-12-06T20:57:40.343Z', null],
];

describe('engine/limits: the captured limits, from output to resume time', () => {
  for (const [capture, exit, ended, resume] of CASES) {
    it(`${capture} resumes ${resume ?? 'after a 15-minute backoff'}`, () => {
      const result = resultOf(capture, exit);
      assert.ok(result?.isError, `${capture} is an error`);
      assert.ok(result.limit, `${capture} records a limit`);
      const endedAt = Date.parse(ended);
      const verdict = limitVerdict(result.limit, { endedAt, limitResumes: 0, maxResumes: 3, zone: 'UTC' });
      assert.equal(verdict.kind, 'pause');
      assert.equal(verdict.resumeAt, resume ? Date.parse(resume) : endedAt + 15 * MIN);
      assert.equal(verdict.backoff, resume === null);
      assert.match(verdict.reason, /^usage-limit: /);
    });
  }

  it('records no limit for the other errors', () => {
    for (const [capture, exit] of [
      ['claude-r401', 1],
      ['claude-overloaded', 1],
      ['codex-r401', 1],
      ['gemini-r401', 144],
    ] as const) {
      assert.equal(resultOf(capture, exit)?.limit, undefined, capture);
    }
  });
});
