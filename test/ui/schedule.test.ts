// Task graph and time, the way a person uses them in the workbench: Delegate Task's "Run after…"
// step (waiting for a task queued from a terminal, and "Continue from"), and Schedule Task from
// the palette — a preset, its live preview of the next 3 runs, a mistyped expression, the missed-run
// choice — then Pause, Resume and Cancel from the Schedules view, and a one-time run that fires.
// Each run saves test-results/ui/dispatch-schedules.png; with DISPATCH_UPDATE_SCREENSHOTS=1 also
// docs/images/dispatch-schedules.png (shown in the README).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ANY_LEVEL, fakeAgent, runCli } from '../support/cli';
import { dispatchView, quickInput, row, toast, widenSideBar } from '../support/dispatchViews';
import { delegate, fakeAgentSettings } from '../support/uiTasks';
import { openWorkbench, repoRoot, type Workbench } from '../support/workbench';

type Shown = {
  id: string;
  title: string;
  state: string;
  startedAt: string | null;
  endedAt: string | null;
  continueFrom: string | null;
};
const show = (workspace: string, id: string) =>
  JSON.parse(runCli(workspace, ['show', id, '--json']).stdout) as Shown & { dependsOn: string[] };
const listTasks = (workspace: string) => JSON.parse(runCli(workspace, ['list', '--json']).stdout) as Shown[];

// `fake` runs its prompt as steps (for tasks queued from the terminal); `agent`, the default, takes
// a prompt in words, as a real agent does (it only lands in the environment), and prints two lines.
const SETTINGS = fakeAgentSettings({
  'dispatch.agents': {
    fake: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), '${prompt}'],
      autonomyArgs: ANY_LEVEL,
    },
    agent: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), 'out:2'],
      env: { FAKE_PROMPT: '${prompt}' },
      description: 'a stand-in agent',
      autonomyArgs: ANY_LEVEL,
    },
  },
  'dispatch.defaultAgent': 'agent',
});

const pad = (n: number) => String(n).padStart(2, '0');
/** As the preview writes a time: "Mon, Nov 30, 09:00", local. */
const previewTime = (d: Date) =>
  d.toLocaleString('en', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

/** The next `count` weekdays (Mon–Fri) at hh:mm local after `from`, worked out day by day. */
function nextWeekdayTimes(from: Date, hour: number, minute: number, count: number): Date[] {
  const found: Date[] = [];
  for (const day = new Date(from); found.length < count; day.setDate(day.getDate() + 1)) {
    const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute);
    if (at > from && at.getDay() >= 1 && at.getDay() <= 5) found.push(at);
  }
  return found;
}

const shots = (name: string) => [
  path.join(repoRoot, 'test-results', 'ui', name),
  ...(process.env.DISPATCH_UPDATE_SCREENSHOTS === '1' ? [path.join(repoRoot, 'docs', 'images', name)] : []),
];

async function placeholder(page: Page, starts: string): Promise<void> {
  await page.locator(`.quick-input-widget input[placeholder^="${starts}"]`).waitFor();
}

describe('Task graph and schedules in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({
      files: { '.vscode/settings.json': SETTINGS },
    });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    // Agents outlive the window by design: stop what is left before closing it.
    if (wb) {
      for (const s of JSON.parse(runCli(wb.workspace, ['schedule', 'list', '--json']).stdout) as {
        id: string;
        status: string;
      }[]) {
        if (s.status === 'active' || s.status === 'paused')
          runCli(wb.workspace, ['schedule', 'cancel', s.id]);
      }
      for (const t of listTasks(wb.workspace)) {
        if (['queued', 'blocked', 'running'].includes(t.state)) runCli(wb.workspace, ['cancel', t.id]);
      }
    }
    await wb?.close();
  });

  /** Delegate Task up to its last step, the defaults taken on the way. */
  async function toRunAfter(prompt: string): Promise<void> {
    const { page } = wb;
    await wb.runCommand('Dispatch: Delegate Task');
    await quickInput(page).input.fill(prompt);
    await page.keyboard.press('Enter');
    for (const step of ['Which agent?', 'How much may the agent do', 'Priority?', 'Working folder?']) {
      await placeholder(page, step);
      await page.keyboard.press('Enter');
    }
    await placeholder(page, 'Run after…');
    await quickInput(page).title.filter({ hasText: 'Delegate Task' }).waitFor();
  }

  /** Checks the task `title` in the Run after… step and accepts. */
  async function checkOnly(title: string): Promise<void> {
    const q = quickInput(wb.page);
    await q.rows.filter({ hasText: title }).getByRole('checkbox', { name: title, exact: true }).click();
    await q.widget.locator('.quick-input-count', { hasText: '1 Selected' }).waitFor();
    // OK, not Enter: the clicked checkbox has the focus, and Enter there would uncheck it.
    await q.widget.getByRole('button', { name: 'OK' }).click();
  }

  it('delegates a task that runs after one queued from a terminal, and one that continues from it', async () => {
    const { page } = wb;
    const tasks = await dispatchView(page, 'Tasks');
    await widenSideBar(page, 520);
    const build = delegate(wb.workspace, 'sleep:5000 out:1', 'Build the parser');
    await row(tasks, 'Build the parser').waitFor({ timeout: 15_000 });

    const q = quickInput(page);
    await toRunAfter('Test the parser');
    await checkOnly('Build the parser');
    await toast(page, /Queued: Test the parser \(blocked/).waitFor();

    // Blocked, saying what it waits for, until the build ends; then it runs.
    const waiting = row(tasks, `waits for ${build}`);
    await waiting.waitFor({ timeout: 10_000 });
    const test = listTasks(wb.workspace).find((t) => t.title === 'Test the parser');
    assert.ok(test, 'the new task is listed');
    assert.deepEqual(show(wb.workspace, test.id).dependsOn, [build]);
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
    for (let deadline = Date.now() + 20_000; show(wb.workspace, test.id).state !== 'completed'; ) {
      assert.ok(Date.now() < deadline, 'the dependent completed');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [dependency, dependent] = [show(wb.workspace, build), show(wb.workspace, test.id)];
    assert.ok(
      Date.parse(dependent.startedAt!) >= Date.parse(dependency.endedAt!),
      'started after its dependency ended',
    );

    // Continue from: the toggle in the title bar, then exactly one task checked.
    await toRunAfter('Refactor the parser');
    await q.widget.getByRole('button', { name: /^Continue from: off/ }).click();
    await placeholder(page, 'Run after… and continue from');
    await checkOnly('Build the parser');
    // Three toasts are shown at most, and finished tasks have filled them: ask the CLI instead.
    await q.widget.waitFor({ state: 'hidden' });
    let continued: Shown | undefined;
    for (let deadline = Date.now() + 10_000; !continued; ) {
      continued = listTasks(wb.workspace).find((t) => t.title === 'Refactor the parser');
      assert.ok(continued || Date.now() < deadline, 'the task that continues is listed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(continued.continueFrom, build);
    for (let deadline = Date.now() + 20_000; show(wb.workspace, continued.id).state !== 'completed'; ) {
      assert.ok(Date.now() < deadline, 'the task that continues completed');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('schedules a task with a preview of the next 3 runs, then pauses, resumes and cancels it from the view', async () => {
    const { page } = wb;
    await wb.runCommand('Dispatch: Schedule Task');
    const q = quickInput(page);
    await q.title.filter({ hasText: 'Schedule Task' }).waitFor();
    await q.input.fill('Triage new issues');
    await page.keyboard.press('Enter');
    await placeholder(page, 'Which agent?');
    await page.keyboard.press('Enter');
    await placeholder(page, 'Priority?');
    await q.rows.filter({ hasText: 'Runs when no P0 or P1 task is waiting' }).click(); // P2
    await placeholder(page, 'When?');
    await q.rows.filter({ hasText: 'Every weekday at 09:00' }).click();

    // The preset fills the expression in; the preview lists the next 3 runs.
    const message = q.widget.locator('.quick-input-message');
    const expected = nextWeekdayTimes(new Date(), 9, 0, 3).map(previewTime).join(' · ');
    await message.filter({ hasText: `Next runs: ${expected}` }).waitFor();
    assert.equal(await q.input.inputValue(), '0 9 * * 1-5');

    // A mistyped hour is refused as it is typed, with the engine's own words.
    await q.input.fill('0 25 * * 1-5');
    await message.filter({ hasText: 'invalid cron expression "0 25 * * 1-5"' }).waitFor();
    await page.keyboard.press('Enter');
    await placeholder(page, 'e.g. 30 8'); // still on this step
    await q.input.fill('30 8 * * 1-5');
    const at830 = nextWeekdayTimes(new Date(), 8, 30, 3).map(previewTime).join(' · ');
    await message.filter({ hasText: `Next runs: ${at830}` }).waitFor();
    await page.keyboard.press('Enter');
    await placeholder(page, 'Runs missed while no window was open?');
    await page.keyboard.press('Enter');
    const first = nextWeekdayTimes(new Date(), 8, 30, 1)[0]!;
    await toast(page, `Scheduled: Triage new issues — next run ${previewTime(first)}`).waitFor();

    await wb.runCommand('Dispatch: Focus on Schedules View');
    const schedules = await dispatchView(page, 'Schedules');
    const scheduled = row(schedules, 'Triage new issues');
    await scheduled.filter({ hasText: 'agent · next ' }).filter({ hasText: '30 8 * * 1-5' }).waitFor();
    for (const file of shots('dispatch-schedules.png'))
      await wb.screenshot(file, page.locator('.part.sidebar'));

    await scheduled.hover();
    await scheduled.getByRole('button', { name: 'Pause Schedule' }).click();
    await scheduled.filter({ hasText: 'agent · paused' }).waitFor();
    await scheduled.hover();
    await scheduled.getByRole('button', { name: 'Resume Schedule' }).click();
    await scheduled.filter({ hasText: 'agent · next ' }).waitFor();
    await toast(page, /Resumed: Triage new issues — next run/).waitFor();
    // Cancel asks first. The test workbench refuses modal dialogs (VS Code does in extension
    // development), and says so with the dialog's text: asked, dismissed, nothing changed. The
    // vscode tier answers the dialog both ways.
    await scheduled.hover();
    await scheduled.getByRole('button', { name: 'Cancel Schedule' }).click();
    await toast(page, 'Cancel the schedule "Triage new issues"? It makes no more tasks').waitFor();
    const [listed] = JSON.parse(runCli(wb.workspace, ['schedule', 'list', '--json']).stdout) as {
      id: string;
      status: string;
      priority: string;
    }[];
    assert.equal(listed?.status, 'active');
    assert.equal(listed.priority, 'P2', 'the priority picked in the wizard');
    // Cancelled from a terminal: the view follows the shared state.
    assert.equal(runCli(wb.workspace, ['schedule', 'cancel', listed.id]).status, 0);
    await scheduled.filter({ hasText: 'agent · cancelled' }).waitFor();
  });

  it('schedules a one-time run that fires: its task runs and is listed under the schedule', async () => {
    const { page } = wb;
    await wb.runCommand('Dispatch: Schedule Task');
    const q = quickInput(page);
    await q.input.fill('Write the release notes');
    await page.keyboard.press('Enter');
    for (const step of ['Which agent?', 'Priority?']) {
      await placeholder(page, step);
      await page.keyboard.press('Enter');
    }
    await placeholder(page, 'When?');
    await q.rows.filter({ hasText: 'Once, at a date and time…' }).click();
    await placeholder(page, 'YYYY-MM-DD HH:MM');
    const at = new Date(Date.now() + 6000);
    const text = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
    await q.input.fill(text);
    await q.widget.locator('.quick-input-message', { hasText: /^Runs once: / }).waitFor();
    await page.keyboard.press('Enter');
    await toast(page, /Scheduled: Write the release notes — next run/).waitFor();

    const schedules = await dispatchView(page, 'Schedules');
    const scheduled = row(schedules, 'Write the release notes');
    await scheduled.filter({ hasText: 'agent · finished · once' }).waitFor({ timeout: 30_000 });
    if ((await scheduled.getAttribute('aria-expanded')) !== 'true') await scheduled.click();
    const fired = row(schedules, /completed · [a-z0-9]{12}/);
    await fired.waitFor({ timeout: 20_000 });
    const task = listTasks(wb.workspace).find((t) => t.title === 'Write the release notes');
    assert.equal(task?.state, 'completed');
    assert.ok(Date.parse(task.startedAt!) >= at.getTime() - 1000, 'it ran at its time, not before');
  });
});
