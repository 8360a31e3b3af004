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

  it('says the paused work waits for Resume Now when autoResume is off', () => {
    assert.equal(
      pausesText([pause('claude', at(15))], now, false),
      'claude paused · resets 15:00 · waits for Resume Now',
    );
    assert.equal(
      pausesText([pause('codex', at(15, 30)), pause('claude', at(15))], now, false),
      'codex, claude paused · next resets 15:00 · waits for Resume Now',
    );
  });

  it('puts the pause in the status bar, with or without tasks in flight', () => {
    const paused = { pauses: [pause('claude', at(15))], autoResume: true, pausedTasks: 1 };
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
    assert.deepEqual(withPauses(idle, false, { pauses: [], autoResume: true, pausedTasks: 0 }, now), idle);
    // The agent's pause ended and autoResume brought its task back: nothing waits.
    assert.deepEqual(withPauses(idle, false, { pauses: [], autoResume: true, pausedTasks: 2 }, now), idle);
  });

  it('keeps telling that paused tasks wait for the user when autoResume is off', () => {
    const idle = {
      text: '$(rocket) Dispatch: idle',
      tooltip: 'Agent Dispatch: no task is running or queued',
    };
    const off = { pauses: [pause('claude', at(15))], autoResume: false, pausedTasks: 1 };
    const during = withPauses(idle, false, off, now);
    assert.equal(during.text, '$(watch) claude paused · resets 15:00 · waits for Resume Now');
    assert.match(
      during.tooltip,
      /\nPaused tasks wait for Resume Now: dispatch\.usageLimit\.autoResume is off/,
    );
    // After the reset the agent's pause is gone, but its task still waits: not "idle".
    const after = withPauses(idle, false, { ...off, pauses: [] }, now);
    assert.equal(after.text, '$(watch) 1 paused · waits for Resume Now');
    const busy = { text: '$(sync~spin) 1 running · 0 queued', tooltip: 'Agent Dispatch: 1 running' };
    assert.equal(
      withPauses(busy, true, { ...off, pauses: [], pausedTasks: 2 }, now).text,
      '$(sync~spin) 1 running · 0 queued · 2 paused · waits for Resume Now',
    );
  });
});

describe('extension/views/pauseFormat once an agent has no paused task left', () => {
  const idle = { text: '$(rocket) Dispatch: idle', tooltip: 'Agent Dispatch: no task is running or queued' };
  const counts =
    (of: Record<string, number>) =>
    (agent: string): number =>
      of[agent] ?? 0;

  it('says only the reset: its queue waits for it, nothing for Resume Now', () => {
    const claude = [pause('claude', at(15))];
    assert.equal(pausesText(claude, now, false, counts({})), 'claude paused · resets 15:00');
    assert.equal(
      pausesText(claude, now, false, counts({ claude: 2 })),
      'claude paused · resets 15:00 · waits for Resume Now',
    );
    // Two agents: the phrase says tasks wait when either has some.
    const both = [pause('claude', at(15)), pause('codex', at(16))];
    assert.equal(
      pausesText(both, now, false, counts({ codex: 1 })),
      'claude, codex paused · next resets 15:00 · waits for Resume Now',
    );
    assert.equal(pausesText(both, now, false, counts({})), 'claude, codex paused · next resets 15:00');
  });

  it('puts it so in the status bar, still counting paused tasks of agents no longer paused', () => {
    const off = {
      pauses: [pause('claude', at(15))],
      autoResume: false,
      pausedTasks: 0,
      pausedOf: counts({}),
    };
    const bar = withPauses(idle, false, off, now);
    assert.equal(bar.text, '$(watch) claude paused · resets 15:00');
    assert.doesNotMatch(bar.tooltip, /Resume Now/);
    // A codex task whose own pause ended still waits: said after claude's pause, not as claude's.
    const codexWaits = withPauses(idle, false, { ...off, pausedTasks: 1 }, now);
    assert.equal(codexWaits.text, '$(watch) claude paused · resets 15:00 · 1 paused · waits for Resume Now');
    assert.match(codexWaits.tooltip, /\nPaused tasks wait for Resume Now/);
    const claudeWaits = withPauses(
      idle,
      false,
      { ...off, pausedTasks: 1, pausedOf: counts({ claude: 1 }) },
      now,
    );
    assert.equal(claudeWaits.text, '$(watch) claude paused · resets 15:00 · waits for Resume Now');
  });
});
