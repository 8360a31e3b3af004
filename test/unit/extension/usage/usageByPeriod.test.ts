import assert from 'node:assert/strict';
import { readUsagePeriods, usageRows } from '../../../../src/extension/usage/usageByPeriod';
import type { TaskResultColumns } from '../../../../src/store';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';
import { recordEndedRun } from '../../../support/usageRuns';

const DAY = 86_400_000;

describe('extension/usage/usageByPeriod', function () {
  this.timeout(30_000);
  let fx: EngineFixture;
  afterEach(async () => fx?.dispose());

  const ended = (agent: string, endedAt: number, result: Partial<TaskResultColumns>) =>
    recordEndedRun(fx, agent, endedAt, result);

  it('sums each agent over today, the last 7 days and the last 30 days, then the budget', async () => {
    fx = await openTestEngine();
    const now = Date.now();
    await ended('claude', now, { inputTokens: 120, outputTokens: 17, costUsd: 0.00082 });
    await ended('claude', now - 3 * DAY, { inputTokens: 1_000, outputTokens: 100, costUsd: 1.5 });
    await ended('codex', now - 20 * DAY, { inputTokens: 2_000, outputTokens: 20 });
    await ended('claude', now - 40 * DAY, { inputTokens: 9, outputTokens: 9, costUsd: 9 }); // in no window

    const periods = readUsagePeriods(fx.engine, now);
    assert.deepEqual(
      periods.map((p) => p.window.label),
      ['today', 'the last 7 days', 'the last 30 days'],
    );
    assert.deepEqual(usageRows(periods, { dailyUsd: 5 }), [
      { kind: 'heading', label: 'Today' },
      { kind: 'agent', label: 'claude', description: '1 task · 120 tokens in, 17 out · $0.0008' },
      { kind: 'heading', label: 'Last 7 days' },
      { kind: 'agent', label: 'claude', description: '2 tasks · 1,120 tokens in, 117 out · $1.50' },
      { kind: 'heading', label: 'Last 30 days' },
      { kind: 'agent', label: 'claude', description: '2 tasks · 1,120 tokens in, 117 out · $1.50' },
      { kind: 'agent', label: 'codex', description: '1 task · 2,000 tokens in, 20 out' },
      { kind: 'total', label: 'total', description: '3 tasks · 3,120 tokens in, 137 out · $1.50' },
      { kind: 'heading', label: 'Daily budget' },
      { kind: 'budget', label: '$5.00 a day', description: '$0.0008 reported today', warning: false },
    ]);
  });

  it('says when no task ended, when there is no budget, and when the budget holds the queue', async () => {
    fx = await openTestEngine();
    const now = Date.now();
    await ended('codex', now - 2 * DAY, { inputTokens: 5, outputTokens: 1 });
    const periods = readUsagePeriods(fx.engine, now);
    const rows = usageRows(periods, { dailyUsd: 0 });
    assert.deepEqual(rows.slice(0, 2), [
      { kind: 'heading', label: 'Today' },
      { kind: 'none', label: 'No task ended today' },
    ]);
    assert.deepEqual(rows.at(-1), {
      kind: 'budget',
      label: 'No daily budget',
      description: 'set dispatch.budget.dailyUsd',
      warning: false,
    });
    const held = usageRows(periods, { dailyUsd: 1, hold: 'daily budget $1.00 reached ($1.20 today)' });
    assert.deepEqual(held.at(-1), {
      kind: 'budget',
      label: 'Daily budget $1.00 reached ($1.20 today)',
      description: 'queued tasks wait until midnight or a higher budget',
      warning: true,
    });
  });
});
