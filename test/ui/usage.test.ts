// Usage as a person reads it in a VS Code window: the status bar tooltip's "Usage today", its link
// to Dispatch: Show Usage, and that pick's sums per agent for today, 7 and 30 days and the daily
// budget, from tasks that ran. Claude and Codex are replay-agent.js replaying the real CLIs'
// output (claude-text: 120 tokens in, 17 out, $0.00082; codex-text: 200 in, 20 out, no cost).
// Saves docs/screenshots/status-usage.png and usage-by-agent.png for the README.
import * as assert from 'node:assert/strict';
import { fakeAgent, runCli } from '../support/cli';
import { dispatchView, quickInput, row } from '../support/dispatchViews';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('Usage in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    const replay = { command: fakeAgent('replay-agent.js') };
    const settings = {
      'dispatch.agents': { claude: replay, codex: replay },
      'dispatch.budget.dailyUsd': 5,
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.memoryReserveMB': 0,
      'dispatch.notifications': 'none', // no toasts over the pictures
    };
    wb = await openWorkbench({ files: { '.vscode/settings.json': JSON.stringify(settings, null, 2) } });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    await wb?.close();
  });

  it('sums the runs of today in the status bar tooltip and by period in Show Usage', async () => {
    const { page } = wb;
    for (const [agent, prompt] of [
      ['claude', 'replay:claude-text'],
      ['claude', 'replay:claude-text'],
      ['codex', 'replay:codex-text'],
    ]) {
      const run = runCli(wb.workspace, ['delegate', prompt, '--agent', agent]);
      assert.equal(run.status, 0, run.stderr);
      const wait = runCli(wb.workspace, ['wait', run.stdout.trim(), '--timeout', '120']);
      assert.equal(wait.status, 0, `${prompt}: ${wait.stdout}${wait.stderr}`);
    }

    const tasks = await dispatchView(page, 'Tasks'); // the views behind the picture
    await row(tasks, /^Completed/).click();
    await row(tasks, 'replay:codex-text').waitFor();
    // The tooltip is read when hovered; the window reads usage a second after the last change.
    const item = page.locator('.statusbar-item', { hasText: 'Dispatch: idle' });
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Usage today' });
    const claudeToday = 'claude: 2 tasks · 240 tokens in, 34 out · $0.0016';
    for (let shown = false; !shown; ) {
      await page.mouse.move(900, 300);
      await item.hover();
      shown = await hover
        .filter({ hasText: claudeToday })
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => false);
    }
    await hover.filter({ hasText: 'codex: 1 task · 200 tokens in, 20 out' }).waitFor();
    await hover.filter({ hasText: 'total: 3 tasks · 440 tokens in, 54 out · $0.0016' }).waitFor();
    await hover.filter({ hasText: 'Daily budget: $0.0016 of $5.00 reported.' }).waitFor();
    await wb.screenshot(screenshotFile('status-usage'));

    // The tooltip's link opens Show Usage.
    const link = hover.getByRole('link', { name: /Usage by agent over 7 and 30 days/ });
    await link.hover();
    await link.click();
    const q = quickInput(page);
    await q.title.filter({ hasText: 'Usage by agent' }).waitFor();
    // Each row as "label | description", a period's first row led by its heading (a separator).
    const rows = () =>
      q.rows.evaluateAll((elements) =>
        elements.map((e) => {
          const text = (selector: string) => e.querySelector(selector)?.textContent?.trim() ?? '';
          const heading = text('.quick-input-list-separator');
          const line = `${text('.label-name')} | ${text('.label-description')}`;
          return heading ? `${heading}: ${line}` : line;
        }),
      );
    const claude = 'claude | 2 tasks · 240 tokens in, 34 out · $0.0016';
    const codex = 'codex | 1 task · 200 tokens in, 20 out';
    const total = 'total | 3 tasks · 440 tokens in, 54 out · $0.0016';
    assert.deepEqual(await rows(), [
      `Today: ${claude}`,
      codex,
      total,
      `Last 7 days: ${claude}`,
      codex,
      total,
      `Last 30 days: ${claude}`,
      codex,
      total,
      'Daily budget: $5.00 a day | $0.0016 reported today',
    ]);
    await wb.screenshot(screenshotFile('usage-by-agent'), q.widget);

    // The budget row opens its setting.
    await q.rows.filter({ hasText: '$5.00 a day' }).click();
    await q.widget.waitFor({ state: 'hidden' });
    await page.locator('.settings-editor .setting-item', { hasText: 'Daily Usd' }).first().waitFor();
  });

  it('opens Show Usage from the palette and from the Workers view', async () => {
    const { page } = wb;
    const q = quickInput(page);
    await wb.runCommand('Dispatch: Show Usage');
    await q.title.filter({ hasText: 'Usage by agent' }).waitFor();
    await page.keyboard.press('Escape');
    await q.widget.waitFor({ state: 'hidden' });

    const workers = await dispatchView(page, 'Workers');
    await workers.locator('.pane-header').hover();
    await workers.locator('.pane-header .action-label[aria-label="More Actions..."]').click();
    await page.locator('.context-view .action-label', { hasText: 'Show Usage' }).hover();
    await page.keyboard.press('Enter');
    await q.title.filter({ hasText: 'Usage by agent' }).waitFor();
    await page.keyboard.press('Escape');
  });
});
