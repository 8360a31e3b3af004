import assert from 'node:assert/strict';
import { TodayUsage, usageMarkdown } from '../../../../src/extension/usage/todayUsage';
import type { TaskResultColumns } from '../../../../src/store';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';
import { recordEndedRun } from '../../../support/usageRuns';

describe('extension/usage/todayUsage', function () {
  this.timeout(30_000);
  let fx: EngineFixture;
  afterEach(async () => fx?.dispose());

  const ended = (agent: string, endedAt: number, result: Partial<TaskResultColumns>) =>
    recordEndedRun(fx, agent, endedAt, result);

  it("reads today's runs per agent and says when the budget holds the queue", async () => {
    fx = await openTestEngine({ 'budget.dailyUsd': 0.002 });
    const now = Date.now();
    await ended('claude', now, { inputTokens: 120, outputTokens: 17, costUsd: 0.00082 });
    await ended('codex', now, { inputTokens: 1_200, outputTokens: 20 });
    await ended('claude', now - 3 * 86_400_000, { inputTokens: 1, outputTokens: 1, costUsd: 7 });
    const today = new TodayUsage();
    let fired = 0;
    today.onDidChange(() => fired++);

    today.refresh(fx.engine, 0.002, now);
    assert.equal(fired, 1);
    assert.equal(
      usageMarkdown(today.current!),
      [
        '**Usage today**',
        '',
        '- claude: 1 task · 120 tokens in, 17 out · $0.0008',
        '- codex: 1 task · 1,200 tokens in, 20 out',
        '- **total**: 2 tasks · 1,320 tokens in, 37 out · $0.0008',
        '',
        'Daily budget: $0.0008 of $0.0020 reported.',
      ].join('\n'),
    );
    today.refresh(fx.engine, 0.002, now);
    assert.equal(fired, 1, 'nothing changed, nothing fired');

    await ended('claude', Date.now(), { inputTokens: 240, outputTokens: 34, costUsd: 0.00164 });
    today.refresh(fx.engine, 0.002, Date.now());
    assert.equal(fired, 2);
    assert.equal(today.current?.hold, 'daily budget $0.0020 reached ($0.0025 today)');
    assert.match(
      usageMarkdown(today.current!),
      /\n\n\*\*Daily budget \$0\.0020 reached \(\$0\.0025 today\)\*\*: queued tasks wait until midnight or a higher budget\.$/,
    );

    today.refresh(undefined, 0.002, Date.now());
    assert.equal(today.current, undefined, 'no engine, nothing to show');
  });

  it('says when no task ended today, and escapes agent names', () => {
    const zero = {
      tasks: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      costUsd: null,
      costedTasks: 0,
    };
    assert.equal(
      usageMarkdown({ agents: [], total: { agent: 'total', ...zero } }),
      '**Usage today**\n\nNo task ended today.',
    );
    const one = { agent: 'my_agent.v2', ...zero, tasks: 1 };
    assert.equal(
      usageMarkdown({ agents: [one], total: { ...one, agent: 'total' } }),
      '**Usage today**\n\n- my\\_agent\\.v2: 1 task',
    );
  });
});
