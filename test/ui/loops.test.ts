// Loops the way a person runs one in the workbench: F1 → "Dispatch: Start Loop" → a prompt → the
// agent → the check → the limit; the loop then shows in the Tasks view's Loops group, its
// iterations under it with their check's exit code, until the check passes on iteration 3; an
// iteration's output panel ends with its check's result; Cancel Loop on a loop's row stops it.
// Each run saves test-results/ui/dispatch-loops.png; with DISPATCH_UPDATE_SCREENSHOTS=1 also
// docs/screenshots/dispatch-loops.png (shown in the README).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { ANY_LEVEL, fakeAgent, runCli } from '../support/cli';
import { collapseView, dispatchView, quickInput, row, toast, widenSideBar } from '../support/dispatchViews';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { screenshotFile } from '../support/screenshots';
import { openWorkbench, type Workbench } from '../support/workbench';

const agent = fakeAgent('loop-agent.js');
const SETTINGS = {
  // The loop agent stands in for Claude: its event format, a session, and `--resume`.
  'dispatch.agents': {
    claude: {
      command: process.execPath,
      args: [agent, '${prompt}'],
      resumeArgs: [agent, '${prompt}', '--resume', '${sessionId}'],
      autonomyArgs: ANY_LEVEL,
      description: 'a stand-in agent that keeps a session',
    },
  },
  'dispatch.outputFlushIntervalMs': 100,
  'dispatch.memoryReserveMB': 0,
};

type Shown = {
  id: string;
  state: string;
  reason: string | null;
  iterations: { taskId: string; checkExit: number }[];
};
const showLoop = (workspace: string, id: string) =>
  JSON.parse(runCli(workspace, ['loop', 'show', id, '--json']).stdout) as Shown;
const listLoops = (workspace: string) =>
  JSON.parse(runCli(workspace, ['loop', 'list', '--json']).stdout) as Shown[];

async function placeholder(wb: Workbench, starts: string): Promise<void> {
  await wb.page.locator(`.quick-input-widget input[placeholder^="${starts}"]`).waitFor();
}

describe('Loops in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { '.vscode/settings.json': JSON.stringify(SETTINGS, null, 2) } });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    // Agents outlive the window by design: stop what is left before closing it.
    if (wb) {
      for (const loop of listLoops(wb.workspace))
        if (loop.state === 'running') runCli(wb.workspace, ['loop', 'cancel', loop.id]);
    }
    await wb?.close();
  });

  it('starts a loop from the palette and shows its iterations with their check results', async () => {
    const { page } = wb;
    const tasks = await dispatchView(page, 'Tasks');
    await collapseView(page, 'Workers');
    await collapseView(page, 'Schedules');
    await widenSideBar(page, 560);

    await wb.runCommand('Dispatch: Start Loop');
    const q = quickInput(page);
    await q.title.filter({ hasText: 'Start Loop' }).waitFor();
    await q.input.fill('append:work.txt');
    await page.keyboard.press('Enter');
    await placeholder(wb, 'Which agent?');
    await page.keyboard.press('Enter');
    await placeholder(wb, 'e.g. npm test');
    await page.keyboard.press('Enter');
    await q.widget.getByText('Give the command that says whether the job is done.').waitFor();
    await q.input.fill('echo "$(wc -l < work.txt) lines"; test $(wc -l < work.txt) -ge 3');
    await page.keyboard.press('Enter');
    await page.getByText('At most how many iterations?').waitFor();
    assert.equal(await q.input.inputValue(), '5', 'the default limit is offered');
    await q.input.fill('0');
    await page.keyboard.press('Enter');
    await q.widget.getByText('Give a whole number from 1 to 100.').waitFor();
    await q.input.fill('4');
    await page.keyboard.press('Enter');
    await toast(page, /Loop started: append:work\.txt — until .* passes, at most 4 iterations/).waitFor();

    const loop = row(tasks, /^append:work\.txt/);
    await row(tasks, /^Loops/).waitFor({ timeout: 20_000 });
    await loop.filter({ hasText: /claude · iteration [1-4]\/4/ }).waitFor({ timeout: 20_000 });
    await loop.filter({ hasText: 'succeeded · 3 iterations' }).waitFor({ timeout: 60_000 });
    for (const [n, text] of [
      [1, 'completed · check exit 1'],
      [2, 'completed · check exit 1'],
      [3, 'completed · check exit 0 · passed'],
    ] as const)
      await row(tasks, new RegExp(`^Iteration ${n}`))
        .filter({ hasText: text })
        .waitFor();
    await wb.screenshot(screenshotFile('dispatch-loops'), page.locator('.part.sidebar'));

    // Another loop starts from the group's own button, as from the palette.
    const group = row(tasks, /^Loops/);
    await group.hover();
    await group.getByRole('button', { name: 'Start Loop' }).click();
    await q.title.filter({ hasText: 'Start Loop' }).waitFor();
    await page.keyboard.press('Escape');
    await q.widget.waitFor({ state: 'hidden' });

    const [shown] = listLoops(wb.workspace);
    assert.deepEqual(
      [shown!.state, shown!.reason, shown!.iterations.map((i) => i.checkExit)],
      ['succeeded', 'the check passed on iteration 3', [1, 1, 0]],
    );

    // An iteration's output (its thread: iteration 1, then the reply) ends with its check's result.
    await row(tasks, /^Iteration 2/).click();
    const frame = await outputPanelFrame(page, '[loop 2/4] append:work.txt', 60_000);
    await frame.locator('.row', { hasText: /^2 lines$/ }).waitFor({ timeout: 30_000 });
    const last = frame.locator('.row:not(.probe):not([hidden])').last();
    await last.filter({ hasText: /dispatch: the check exited with code 1 after/ }).waitFor();
    assert.equal(await frame.locator('.row', { hasText: /^1 lines$/ }).count(), 1, "iteration 1's check too");
  });

  it('cancels a running loop from its row', async () => {
    const { page } = wb;
    const tasks = await dispatchView(page, 'Tasks');
    const gate = path.join(wb.workspace, 'never-opened');
    // loop-agent.js counts its runs per folder, and the test before ran three here: gate:1 is
    // this loop's first run only once the count starts again.
    rmSync(path.join(wb.workspace, '.loop-agent', 'runs'), { force: true });
    const started = runCli(wb.workspace, [
      'loop',
      `append:other.txt gate:1:${gate}`,
      '--until',
      'false',
      '--title',
      'Wait at the gate',
    ]);
    assert.equal(started.status, 0, started.stderr);
    const id = started.stdout.trim();
    const loop = row(tasks, /^Wait at the gate/);
    await loop.filter({ hasText: 'iteration 1/5' }).waitFor({ timeout: 20_000 });
    await loop.hover();
    await loop.getByRole('button', { name: 'Cancel Loop' }).click();
    await loop.filter({ hasText: 'cancelled · 1 iteration' }).waitFor({ timeout: 20_000 });
    const shown = showLoop(wb.workspace, id);
    assert.deepEqual([shown.state, shown.reason], ['cancelled', 'cancelled by user']);
    for (let deadline = Date.now() + 20_000; ; ) {
      const task = JSON.parse(runCli(wb.workspace, ['show', shown.iterations[0]!.taskId, '--json']).stdout);
      if (task.state === 'cancelled') break;
      assert.ok(Date.now() < deadline, `the iteration ended cancelled (it is ${task.state})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
