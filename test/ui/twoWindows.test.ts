// Two VS Code windows on one folder (two pages of one server: two extension hosts, two engines),
// as when a person opens the folder twice. A task queued from a terminal appears in both at
// once; either window shows its output live; the window that does not run it cancels it, and
// the one that does shows it cancelled. Saves docs/screenshots/output-panel-two-windows.png.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { runCli } from '../support/cli';
import { panelRows, showOutput } from '../support/outputPanelFrame';
import { screenshotFile } from '../support/screenshots';
import { delegate, fakeAgentSettings } from '../support/uiTasks';
import { openWorkbench, type Workbench, type WorkbenchWindow } from '../support/workbench';

async function openWorkersView(win: WorkbenchWindow) {
  // The view's own focus command: clicking the activity bar icon would close an open container.
  await win.runCommand('Dispatch: Focus on Workers View');
  const pane = win.page.locator('.part.sidebar .pane', {
    has: win.page.locator('.pane-header', { hasText: 'Workers' }),
  });
  await pane.waitFor();
  return pane;
}

const lastDrip = async (frame: Frame) =>
  Math.max(0, ...(await panelRows(frame)).map((row) => Number(/^drip (\d+)$/.exec(row)?.[1] ?? 0)));

describe('Two windows on one folder', () => {
  let wb: Workbench;
  let second: WorkbenchWindow;
  /** Runs for minutes unless cancelled; its supervisor outlives the server, so a failed test cancels it. */
  let longTask: string | undefined;

  before(async () => {
    wb = await openWorkbench({ files: { '.vscode/settings.json': fakeAgentSettings() } });
    second = await wb.openWindow();
    for (const { page } of [wb, second]) {
      await page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
    }
  });

  after(async () => {
    if (longTask) runCli(wb.workspace, ['cancel', longTask]);
    await wb?.close();
  });

  it('shows a task in both windows, streams it in either, and cancels it from the other one', async () => {
    const title = 'Cross-window task';
    const workers = await openWorkersView(second);
    // 3,000 lines at 20 a second: it runs until cancelled.
    longTask = delegate(wb.workspace, 'drip:3000:20', title);
    // Queued from a terminal, listed by a window that did not start it (how soon: `npm run bench`).
    await workers.locator('.monaco-list-row', { hasText: title }).waitFor({ timeout: 30_000 });

    const frames: Frame[] = [];
    for (const win of [second, wb]) {
      const frame = await showOutput(win, title);
      await frame
        .locator('.row', { hasText: /^drip \d+$/ })
        .first()
        .waitFor({ timeout: 30_000 });
      // Live in each window: lines printed after it opened keep arriving (the task runs until cancelled).
      const first = await lastDrip(frame);
      while ((await lastDrip(frame)) < first + 10) await new Promise((resolve) => setTimeout(resolve, 100));
      frames.push(frame);
    }
    const where = await Promise.all(frames.map((f) => f.locator('.where').textContent()));
    assert.deepEqual(
      [...where].sort(),
      ['in another window', 'in this window'],
      'exactly one window runs it',
    );
    const runs = where.indexOf('in this window');
    const [runner, other] = [frames[runs]!, frames[1 - runs]!];

    // The picture is of the window that does not run the task: it follows it from the log.
    const watcher = [second, wb][1 - runs]!;
    await openWorkersView(watcher);
    await watcher.screenshot(screenshotFile('output-panel-two-windows'));

    await other.locator('.action-cancel').click();
    await runner.locator('.state', { hasText: 'Cancelled' }).waitFor({ timeout: 15_000 });
    await other.locator('.state', { hasText: 'Cancelled' }).waitFor({ timeout: 15_000 });
    await workers
      .locator('.monaco-list-row', { hasText: title })
      .waitFor({ state: 'detached', timeout: 5000 });
    // Stopped, not just relabelled: no line arrives after the end.
    const atEnd = await lastDrip(runner);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await lastDrip(runner), atEnd);
    assert.ok(atEnd < 3000);
  });
});
