// Dispatch: Search Tasks in a real VS Code window: results appear as the words are typed, and
// picking one opens the task's output panel with the find bar at the matching line — here a line
// 3,000 lines before the end, so the panel must fetch older pages to show it. Saves
// docs/screenshots/search-tasks.png and search-opened.png for the README.
import * as assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { dispatchView, quickInput } from '../support/dispatchViews';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { delegate, fakeAgentSettings, printStep } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('Search Tasks in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({
      files: {
        // No toasts over the pictures.
        '.vscode/settings.json': fakeAgentSettings({ 'dispatch.notifications': 'none' }),
      },
    });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    await wb?.close();
  });

  it('shows matches live from the Tasks view and opens the output panel at the match', async () => {
    const { page } = wb;
    const found = delegate(
      wb.workspace,
      `out:3 ${printStep('the zebra-crossing sign fell over\n')} out:3000`,
      'Paint the road',
    );
    const other = delegate(wb.workspace, `${printStep('a zebra, but no road sign\n')}`, 'Feed the zoo');
    for (const id of [found, other]) {
      const wait = runCli(wb.workspace, ['wait', id, '--timeout', '120']);
      assert.equal(wait.status, 0, `task ${id}: ${wait.stdout}${wait.stderr}`);
    }

    const tasks = await dispatchView(page, 'Tasks');
    await tasks.locator('.pane-header').hover();
    await tasks.locator('.pane-header .action-label[aria-label="Search Tasks"]').click();
    const q = quickInput(page);
    await q.input.waitFor();
    await q.input.pressSequentially('zebra', { delay: 30 });
    await q.rows.filter({ hasText: 'Feed the zoo' }).waitFor();
    await q.rows.filter({ hasText: 'Paint the road' }).waitFor();
    await q.title.filter({ hasText: 'Search Tasks: 2 tasks' }).waitFor();
    // More words narrow it: both must be in the task, and "crossing" is only in one.
    await q.input.pressSequentially(' crossing', { delay: 30 });
    await q.title.filter({ hasText: 'Search Tasks: 1 task' }).waitFor();
    assert.equal(await q.rows.count(), 1);
    const result = q.rows.filter({ hasText: 'Paint the road' });
    assert.match(
      (await result.textContent()) ?? '',
      /Completed · fake · [a-z0-9]{12}.*line \d+: the zebra-crossing sign fell over/,
    );
    await q.input.fill('zebra giraffe');
    await q.title.filter({ hasText: 'Search Tasks: no task matches' }).waitFor();
    await q.input.fill('crossing zebra');
    await result.waitFor();
    await wb.screenshot(screenshotFile('search-tasks'));
    await result.click();

    const frame = await outputPanelFrame(page, 'Paint the road', 60_000);
    await frame.locator('.find-count', { hasText: '1 of 1' }).waitFor({ timeout: 30_000 });
    assert.equal(
      await frame.locator('.find-field').evaluate((f) => (f as HTMLInputElement).value),
      'crossing',
    );
    const current = frame.locator('.row', { has: frame.locator('.match.current') });
    assert.equal(await current.textContent(), 'the zebra-crossing sign fell over');
    assert.ok(await current.isVisible(), 'the matching line is in view');
    await wb.screenshot(screenshotFile('search-opened'));
  });
});
