// A task paused at its agent's usage limit, as a person sees it in a VS Code window (issue 16):
// the status bar says which agent is paused and until when, the Tasks view has a Paused group
// whose row says when it resumes, the Workers view lists the paused agent, and "Resume Paused
// Task Now" from the palette runs it again at once. Claude is limit-agent.js, which prints
// Claude's limit as the real CLI does (docs/agents.md) with a reset an hour away.
// Saves docs/screenshots/usage-limit.png for the README. With dispatch.usageLimit.autoResume
// off, the same places and the output panel's header say the paused task waits for Resume Now.
// The output panel of a paused task has its own Resume Now.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fakeAgent, runCli } from '../support/cli';
import { dispatchView, quickInput, row, widenSideBar } from '../support/dispatchViews';
import { showOutput } from '../support/outputPanelFrame';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { openWorkbench, type Workbench } from '../support/workbench';

/** Queues `title` for the fake claude, which stops at its usage limit with a reset an hour away. */
function delegateToLimit(workspace: string, title: string): string {
  const queued = runCli(workspace, [
    'delegate',
    '--agent',
    'claude',
    '--title',
    title,
    `limit:3600:1 ${title}`,
  ]);
  if (queued.status !== 0) throw new Error(queued.stderr);
  return queued.stdout.trim();
}

describe('A usage limit in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    const settings = {
      'dispatch.agents': {
        claude: {
          command: fakeAgent('limit-agent.js'),
          env: { FAKE_CLI: 'claude', RECORD_FILE: '${cwd}/runs.txt', RUNS_DIR: '${cwd}/runs' },
        },
      },
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.memoryReserveMB': 0,
    };
    wb = await openWorkbench({ files: { '.vscode/settings.json': JSON.stringify(settings, null, 2) } });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    await wb?.close();
  });

  it('shows the paused agent in the status bar, the Paused row and the Workers view', async () => {
    const { page } = wb;
    delegateToLimit(wb.workspace, 'Refactor the parser');
    await page
      .locator('.statusbar-item', { hasText: /claude paused · resumes (\w+ \d+, )?\d\d:\d\d/ })
      .waitFor({ timeout: 60_000 });

    await widenSideBar(page, 700);
    const tasks = await dispatchView(page, 'Tasks');
    await row(tasks, /^Paused/).waitFor();
    await row(tasks, 'Refactor the parser')
      .filter({
        hasText: /claude · .*Refactor the parser.*edit · usage limit · resumes (\w+ \d+, )?\d\d:\d\d/,
      })
      .waitFor();
    const workers = await dispatchView(page, 'Workers');
    await row(workers, 'claude').filter({ hasText: 'paused at its usage limit · resumes' }).waitFor();
    await page.mouse.move(900, 600); // no hover over the rows
    await wb.screenshot(screenshotFile('usage-limit'));
  });

  it('runs the paused task again with "Resume Paused Task Now"', async () => {
    const { page } = wb;
    await wb.runCommand('Dispatch: Resume Paused Task Now');
    const q = quickInput(page);
    await q.rows.filter({ hasText: 'Refactor the parser' }).click();
    const tasks = await dispatchView(page, 'Tasks');
    const completed = row(tasks, /^Completed/);
    await completed.filter({ hasText: '1' }).waitFor({ timeout: 60_000 });
    await row(tasks, /^Paused/).waitFor({ state: 'detached' });
    if ((await completed.getAttribute('aria-expanded')) !== 'true') await completed.click();
    await row(tasks, 'Refactor the parser')
      .filter({ hasText: /claude [^·]+ · .*Refactor the parser.*edit/ })
      .waitFor();
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 30_000 });
  });

  it('with autoResume off, says everywhere that the paused task waits for Resume Now', async () => {
    const { page } = wb;
    const settingsFile = path.join(wb.workspace, '.vscode', 'settings.json');
    const before = readFileSync(settingsFile, 'utf8');
    writeFileSync(
      settingsFile,
      JSON.stringify({ ...JSON.parse(before), 'dispatch.usageLimit.autoResume': false }, null, 2),
    );
    const title = 'Tidy the lexer';
    const id = delegateToLimit(wb.workspace, title);
    try {
      const waits = /resets (\w+ \d+, )?\d\d:\d\d · waits for Resume Now/;
      await page
        .locator('.statusbar-item', { hasText: new RegExp(`claude paused · ${waits.source}`) })
        .waitFor({ timeout: 60_000 });
      const tasks = await dispatchView(page, 'Tasks');
      // Led by the agent alone (not "claude 0s"), then what the engine will do: nothing by itself.
      await row(tasks, title)
        .filter({ hasText: new RegExp(`^claude · ${title}.*usage limit · ${waits.source}`) })
        .waitFor();
      const workers = await dispatchView(page, 'Workers');
      await row(workers, 'claude')
        .filter({ hasText: new RegExp(`paused at its usage limit · ${waits.source}`) })
        .waitFor();
      const frame = await showOutput(wb, title);
      await frame
        .locator('.timing', { hasText: new RegExp(`^paused \\d\\d:\\d\\d:\\d\\d · ${waits.source}$`) })
        .waitFor({ timeout: 30_000 });
    } finally {
      runCli(wb.workspace, ['cancel', id]);
      runCli(wb.workspace, ['agents', 'resume', 'claude']);
      writeFileSync(settingsFile, before);
    }
  });

  it("runs a paused task again from its output panel's Resume Now, which is gone once it runs", async () => {
    const { page } = wb;
    const title = 'Sort the imports';
    const id = delegateToLimit(wb.workspace, title);
    try {
      // Paused until the reset an hour away: only the button can run it again within the test.
      await page
        .locator('.statusbar-item', { hasText: /claude paused · resumes / })
        .waitFor({ timeout: 60_000 });
      const frame = await showOutput(wb, title);
      const resume = frame.locator('.action-resume');
      await frame.locator('.state', { hasText: 'Paused' }).waitFor({ timeout: 30_000 });
      await resume.waitFor();
      await resume.click();
      await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 60_000 });
      await resume.waitFor({ state: 'hidden' });
      const runs = readFileSync(path.join(wb.workspace, 'runs.txt'), 'utf8');
      const starts = runs.split('\n').filter((line) => line.startsWith(`start ${id} `));
      assert.equal(starts.length, 2, `a second run after Resume Now:\n${runs}`);
      await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 30_000 });
    } finally {
      runCli(wb.workspace, ['cancel', id]);
      runCli(wb.workspace, ['agents', 'resume', 'claude']);
    }
  });
});
