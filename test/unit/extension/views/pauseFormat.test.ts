import assert from 'node:assert/strict';
import type { AgentPause } from '../../../../src/core/usageLimit';
import { pauseLines, pausesText, withPauses } from '../../../../src/extension/views/pauseFormat';

const now = new Date(2026, 11, 6, 14, 0).getTime();
const at = (h: number, m = 0) => new Date(2026, 11, 6, h, m).getTime();
const pause = (agent: string, resumeAt: number): AgentPause => ({
  agent,
  resumeAt,
  pausedAt: now,
  reason: `usage-limit: ${agent} limit`,
  taskId: null,
});

describe('extension/views/pauseFormat and the status bar', () => {
  it('says which agents are paused and when the first resumes', () => {
    assert.equal(pausesText([], now), undefined);
    assert.equal(pausesText([pause('claude', at(15))], now), 'claude paused · resumes 15:00');
    assert.equal(
      pausesText([pause('codex', at(15, 30)), pause('claude', at(15))], now),
      'codex, claude paused · next resumes 15:00',
    );
    assert.deepEqual(pauseLines([pause('claude', at(15))], now), [
      'claude: paused at its usage limit until 15:00 — usage-limit: claude limit',
    ]);
  });

  it('puts the pause in the status bar, with or without tasks in flight', () => {
    const paused = [pause('claude', at(15))];
    const idle = {
      text: '$(rocket) Dispatch: idle',
      tooltip: 'Agent Dispatch: no task is running or queued',
    };
    assert.deepEqual(withPauses(idle, false, paused, now), {
      text: '$(watch) claude paused · resumes 15:00',
      tooltip:
        'Agent Dispatch: nothing running\nclaude: paused at its usage limit until 15:00 — usage-limit: claude limit',
    });
    const busy = {
      text: '$(sync~spin) 1 running · 3 queued',
      tooltip: 'Agent Dispatch: 1 running, 3 queued',
    };
    assert.equal(
      withPauses(busy, true, paused, now).text,
      '$(sync~spin) 1 running · 3 queued · claude paused · resumes 15:00',
    );
    assert.deepEqual(withPauses(idle, false, [], now), idle);
  });
});
