// Usage and the daily budget in the real extension: the status bar tooltip's "Usage today" and the
// one notice a window gives when dispatch.budget.dailyUsd holds the queue. The built-in `claude` is
// replay-agent.js replaying Claude Code's own output (claude-text: 120 tokens in, 17 out, $0.00082).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { fakeAgent, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

describe('usage and the daily budget', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;
  const warnings: { message: string; actions: string[] }[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window.showWarningMessage;

  before(async () => {
    api = await dispatchApi();
    await configure(api, {
      ...TEST_SETTINGS,
      agents: { ...(TEST_SETTINGS.agents as object), claude: { command: fakeAgent('replay-agent.js') } },
    });
    // Today's usage is every run that ended today: start from none.
    await cancelAll(api);
    await (await engineOf(api)).clearFinished(undefined, { unapplied: 'delete' });
    window.showWarningMessage = async (message: string, ...actions: unknown[]) => {
      warnings.push({ message, actions: actions.filter((a): a is string => typeof a === 'string') });
      return undefined;
    };
  });

  after(async () => {
    window.showWarningMessage = original;
    await configure(api, { 'budget.dailyUsd': 0 });
    await cancelAll(api);
  });

  const delegate = (prompt: string, agent: string) =>
    vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent });
  const tooltip = () => {
    const shown = api.statusBar.tooltip;
    return typeof shown === 'string' || shown === undefined ? (shown ?? '') : shown.value;
  };
  const tooltipHas = (text: string) =>
    waitFor(`the status bar tooltip to say ${JSON.stringify(text)}`, () => tooltip().includes(text));

  it("shows today's tasks, tokens and cost per agent in the status bar tooltip", async () => {
    await tooltipHas('**Usage today**\n\nNo task ended today.');
    const claude = await delegate('replay:claude-text', 'claude');
    const fake = await delegate('out:1', 'fake');
    await taskIn(api, claude.id, 'completed');
    await taskIn(api, fake.id, 'completed');
    await tooltipHas(
      [
        '**Usage today**',
        '',
        '- claude: 1 task · 120 tokens in, 17 out · $0.0008',
        '- fake: 1 task',
        '- **total**: 2 tasks · 120 tokens in, 17 out · $0.0008',
      ].join('\n'),
    );
    assert.match(
      tooltip().replace(/&nbsp;/g, ' '),
      /^Agent Dispatch: no task is running or queued\n\n---\n\n/,
    );
  });

  it('holds new tasks once the budget is reached, says so once, and runs them when it is raised', async () => {
    await configure(api, { 'budget.dailyUsd': 0.0005 });
    const why = 'daily budget $0.0005 reached ($0.0008 today)';
    await tooltipHas(
      `**Daily budget $0.0005 reached ($0.0008 today)**: queued tasks wait until midnight or a higher budget.`,
    );
    const held = [await delegate('out:1', 'fake')];
    await waitFor('the notice', () => warnings.length > 0);
    assert.deepEqual(warnings, [
      {
        message: `Agent Dispatch: ${why}. Queued tasks wait until midnight or a higher budget.`,
        actions: ['Open Setting'],
      },
    ]);
    held.push(await delegate('out:1', 'fake'));
    await waitFor('both queued', () => api.live.tasks.count('queued') === 2);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // and no second notice
    assert.equal(warnings.length, 1);
    const engine = await engineOf(api);
    assert.deepEqual(
      held.map((t) => engine.resolve(t.id).state),
      ['queued', 'queued'],
    );

    await configure(api, { 'budget.dailyUsd': 1 });
    for (const task of held) await taskIn(api, task.id, 'completed');
    await tooltipHas('Daily budget: $0.0008 of $1.00 reported.');
  });
});
