// The path a person takes: F1 → "Dispatch: Delegate Task" → the prompt → Enter. One notification
// follows the task in place (queued, running, then how it ended); the task shows in Workers and
// Tasks with its agent and time in sight at the side bar's default width; its output opens from
// there. Then the title-bar buttons, a prompt written in an editor, and Delegate Selection.
// Saves docs/screenshots/ (delegate-box, notification-running, notification-done, dispatch-tasks)
// for the README.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { ANY_LEVEL, fakeAgent, runCli } from '../support/cli';
import { choose, delegateBox, openDelegateBox, titleButton } from '../support/delegateBox';
import { collapseView, dispatchView, quickInput, row, toast } from '../support/dispatchViews';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { printStep } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';

// A transcript, a pause long enough to look at the running task, then the end.
const TRANSCRIPT = [
  '\x1b[1mReading\x1b[0m src/date/parse.ts',
  '\x1b[36m●\x1b[0m Writing \x1b[1mtest/date/parse.test.ts\x1b[0m (14 cases)',
  '\x1b[36m●\x1b[0m Running \x1b[33mnpm test\x1b[0m -- --grep parse',
  '',
].join('\n');

const settings = {
  // `fake` takes a prompt in words (it only lands in the environment) and plays a session;
  // `script` runs the fake agent's steps given as the prompt, for the background tasks.
  'dispatch.agents': {
    fake: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), printStep(TRANSCRIPT), 'sleep:7000', 'out:3'],
      env: { FAKE_PROMPT: '${prompt}' },
      description: 'plays a short agent session',
      autonomyArgs: ANY_LEVEL,
    },
    script: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), '${prompt}'],
      description: 'runs its prompt as steps',
      autonomyArgs: ANY_LEVEL,
    },
  },
  'dispatch.defaultAgent': 'fake',
  'dispatch.outputFlushIntervalMs': 100,
  'dispatch.memoryReserveMB': 0,
  'dispatch.maxWorkers': 3,
  'dispatch.notifications': 'all',
};

type Listed = {
  id: string;
  title: string;
  prompt: string;
  state: string;
  agent: string;
  autonomy: string;
  priority: string;
};
const listTasks = (workspace: string) => JSON.parse(runCli(workspace, ['list', '--json']).stdout) as Listed[];

async function cancelUnfinished(workspace: string): Promise<void> {
  const unfinished = () =>
    listTasks(workspace).filter((t) => ['queued', 'blocked', 'running'].includes(t.state));
  for (const task of unfinished()) runCli(workspace, ['cancel', task.id]);
  // The window's engine records each end; until then a supervisor may still be stopping its agent.
  for (let deadline = Date.now() + 20_000; unfinished().length && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Whether the first `chars` characters of the row's label are on screen: not cut by the row's
 * end. Measured on the text itself (a Range), since CSS ellipsis leaves the DOM text whole.
 */
function leadVisible(rowLocator: Locator, chars: number): Promise<boolean> {
  return rowLocator.evaluate((element, n) => {
    const name = element.querySelector('.label-name');
    const text = name && document.createTreeWalker(name, NodeFilter.SHOW_TEXT).nextNode();
    if (!name || !text) return false;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, Math.min(n, text.textContent?.length ?? 0));
    const lead = range.getBoundingClientRect();
    const shown = name.closest('.monaco-icon-label-container')!.getBoundingClientRect();
    return lead.width > 0 && lead.right <= shown.right + 0.5;
  }, chars);
}

/** The toast holding `text` (one element: a notification updated in place keeps its element). */
async function toastElement(page: Page, text: RegExp) {
  const handle = await toast(page, text).elementHandle({ timeout: 30_000 });
  assert.ok(handle, `a toast matching ${text}`);
  return handle;
}

describe('Delegating in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({
      files: {
        '.vscode/settings.json': JSON.stringify(settings, null, 2),
        'src/date/parse.ts': 'export function parse(text: string): Date {\n  return new Date(text);\n}\n',
      },
    });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    // Agents outlive the window by design: stop what the tests left running before closing it.
    if (wb) await cancelUnfinished(wb.workspace);
    await wb?.close();
  });

  it('delegates in one step and follows the task in one notification, updated in place', async () => {
    const { page } = wb;
    const title = 'Add unit tests for the date parser';
    const workers = await dispatchView(page, 'Workers');
    // The empty Tasks view offers Delegate Task itself.
    const tasks = await dispatchView(page, 'Tasks');
    await tasks.getByRole('button', { name: 'Delegate Task' }).click();
    await delegateBox(page).waitFor();
    const q = quickInput(page);
    await q.input.fill(title);
    // The defaults, said under the input and on the buttons: nothing to choose.
    await q.widget.locator('.quick-input-message', { hasText: 'fake · edit · normal priority' }).waitFor();
    for (const name of ['Agent: fake', 'Autonomy: edit', 'Priority: normal'])
      await titleButton(page, name).waitFor();
    assert.equal(
      await titleButton(page, /^Worktree:/).count(),
      0,
      'not a git repository: no worktree button',
    );
    assert.equal(await titleButton(page, /^Folder:/).count(), 0, 'one folder: it is not asked');
    await q.title.hover();
    await wb.screenshot(screenshotFile('delegate-box'), q.widget);
    await page.keyboard.press('Enter');
    await q.widget.waitFor({ state: 'hidden' });

    // One notification, whose line moves on in place: the same element says Running.
    const notice = await toastElement(page, new RegExp(`(Queued|Running): ${title}`));
    await page.waitForFunction(
      ([element, expected]) => (element as Element).textContent?.includes(expected as string),
      [notice, `Running: ${title} (fake)`] as const,
      { timeout: 20_000 },
    );
    const running = row(workers, title);
    await running.filter({ hasText: new RegExp(`fake [2-9]s · ${title}`) }).waitFor({ timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: '1 running · 0 queued' }).waitFor();
    await page.mouse.move(900, 600); // no hover left over the picture
    await wb.screenshot(screenshotFile('notification-running'));

    await running.click(); // a row's command is Show Output
    const frame = await outputPanelFrame(page, title, 60_000);
    await frame.locator('.row', { hasText: 'Writing test/date/parse.test.ts' }).waitFor({ timeout: 30_000 });

    // Ended: the progress notification is gone, one message says how, with what to do next.
    const done = toast(page, new RegExp(`Completed in \\d+s: ${title}`));
    await done.waitFor({ timeout: 30_000 });
    assert.equal(await notice.evaluate((e) => e.isConnected), false, 'the progress notification closed');
    await done.getByRole('button', { name: 'Show Output' }).waitFor();
    await done.getByRole('button', { name: 'Reply…' }).waitFor();
    assert.equal(await toast(page, new RegExp(`(Queued|Running): ${title}`)).count(), 0);
    await done.and(page.locator('.notification-fade-in-done')).waitFor(); // not mid-animation
    await wb.screenshot(screenshotFile('notification-done'));
    await row(workers, title).waitFor({ state: 'detached' });
    const completed = row(tasks, /^Completed/);
    if ((await completed.getAttribute('aria-expanded')) !== 'true') await completed.click();
    await row(tasks, new RegExp(`fake \\d+s · ${title}`)).waitFor();
    // Only groups with tasks: no "Running 0", "Queued 0", "Failed 0".
    for (const empty of [/^Running/, /^Queued/, /^Failed/, /^Cancelled/])
      assert.equal(await row(tasks, empty).count(), 0, String(empty));
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor();
  });

  it('changes autonomy, priority and worktree from the title bar, keeping the prompt typed', async () => {
    const { page } = wb;
    const title = 'Review the parser for edge cases';
    // Now a git repository: the box offers a worktree of its own.
    const git = (...args: string[]) =>
      assert.equal(
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], {
          cwd: wb.workspace,
        }).status,
        0,
        args.join(' '),
      );
    git('init', '-q');
    git('add', 'src', '.vscode/settings.json');
    git('commit', '-q', '-m', 'start');
    await openDelegateBox(wb);
    const q = quickInput(page);
    await q.input.fill(title);
    await q.title.hover();
    await titleButton(page, 'Worktree: off (press to turn on)').click();
    await titleButton(page, 'Worktree: on (press to turn off)').waitFor();
    // Autonomy's pick: the three levels, each saying what it lets the agent do.
    await q.title.hover();
    await titleButton(page, 'Autonomy: edit').click();
    const levels = q.rows.filter({ hasText: /^(read-only|edit|full)/ });
    await levels.nth(2).waitFor();
    assert.deepEqual(
      await levels.evaluateAll((rows) => rows.map((r) => r.querySelector('.label-name')?.textContent)),
      ['read-only', 'edit', 'full'],
    );
    await levels.filter({ hasText: 'every change is refused' }).waitFor();
    await q.rows.filter({ hasText: 'default (dispatch.autonomy)' }).filter({ hasText: /^edit/ }).waitFor();
    await page.mouse.move(900, 700);
    await wb.screenshot(screenshotFile('delegate-autonomy'), q.widget);
    await levels.filter({ hasText: /^read-only/ }).click();
    await delegateBox(page).waitFor();
    assert.equal(await q.input.inputValue(), title, 'the prompt is kept');
    await choose(page, 'Priority: normal', 'Urgent');
    await titleButton(page, 'Autonomy: read-only').waitFor();
    await titleButton(page, 'Priority: urgent').waitFor();
    await q.widget
      .locator('.quick-input-message', { hasText: 'fake · read-only · urgent priority · own worktree' })
      .waitFor();
    // Escape in a pick comes back to the box too, the prompt still there.
    await q.title.hover();
    await titleButton(page, 'Agent: fake').click();
    await q.rows.filter({ hasText: 'runs its prompt as steps' }).waitFor();
    await page.keyboard.press('Escape');
    await delegateBox(page).waitFor();
    assert.equal(await q.input.inputValue(), title);
    await page.keyboard.press('Enter');
    await toast(page, new RegExp(`(Queued|Running): ${title}`))
      .first()
      .waitFor({ timeout: 20_000 });
    const task = listTasks(wb.workspace).find((t) => t.title === title);
    assert.deepEqual([task?.agent, task?.autonomy, task?.priority], ['fake', 'read-only', 'P0']);
    const shown = JSON.parse(runCli(wb.workspace, ['show', task!.id, '--json']).stdout) as {
      worktree: { branch: string } | null;
    };
    assert.equal(shown.worktree?.branch, `dispatch/${task!.id}`, 'in a worktree of its own');
  });

  it('takes a long prompt written in an editor, delegates it with the choices made, and closes the editor', async () => {
    const { page } = wb;
    await openDelegateBox(wb);
    const q = quickInput(page);
    await q.input.fill('Split parse() into');
    await choose(page, 'Autonomy: edit', /^read-only/);
    await q.title.hover();
    await titleButton(page, 'Write in Editor… (for a longer prompt)').click();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines');
    await editor.filter({ hasText: 'Split parse() into' }).waitFor();
    await page.keyboard.type(' a tokenizer and a validator.\n\nKeep the public API as it is.');
    await page.locator('.editor-actions').getByRole('button', { name: 'Delegate Prompt' }).click();
    await editor.filter({ hasText: 'Keep the public API' }).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "save changes?" dialog');
    // The whole prompt, without the guidance line, with the autonomy chosen in the box.
    const task = listTasks(wb.workspace).find((t) => t.title.startsWith('Split parse()'));
    assert.equal(
      task?.prompt,
      'Split parse() into a tokenizer and a validator.\n\nKeep the public API as it is.',
    );
    assert.deepEqual([task?.agent, task?.autonomy], ['fake', 'read-only']);
  });

  it('delegates a selection with its file and lines, and an instruction', async () => {
    const { page } = wb;
    await wb.runCommand('Go to File...');
    await quickInput(page).input.fill('parse.ts');
    await quickInput(page).rows.filter({ hasText: 'parse.ts' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'export function parse' }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await wb.runCommand('Dispatch: Delegate Selection');
    await page.getByText('What should the agent do with lines 1–3 of src/date/parse.ts?').waitFor();
    await quickInput(page).title.filter({ hasText: 'Delegate Selection to fake' }).waitFor();
    await quickInput(page).input.fill('Reject dates that do not parse');
    await page.keyboard.press('Enter');
    await toast(page, /(Queued|Running): Reject dates that do not parse/)
      .first()
      .waitFor({ timeout: 20_000 });
    assert.equal(
      listTasks(wb.workspace).find((t) => t.title === 'Reject dates that do not parse')?.prompt,
      [
        'Reject dates that do not parse',
        '',
        'From `src/date/parse.ts`, lines 1–3:',
        '',
        '```typescript',
        'export function parse(text: string): Date {',
        '  return new Date(text);',
        '}',
        '```',
      ].join('\n'),
    );
  });

  it('keeps the agent and time of every row in sight at the side bar’s default width (screenshots)', async () => {
    const { page } = wb;
    const tasks = await dispatchView(page, 'Tasks');
    const workers = await dispatchView(page, 'Workers');
    // Every group in sight (and in the picture): the Schedules view, empty here, gives up its room.
    await collapseView(page, 'Schedules');
    // The tasks of the previous tests end first, so the three long runs are what runs.
    await row(workers, /fake (\d+s|cancelling…) · /)
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    // Background work for the picture, queued from a terminal: a failure, a cancel, and a queue
    // behind long runs.
    const cli = (...args: string[]) => {
      const run = runCli(wb.workspace, args);
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim();
    };
    const delegate = (steps: string, title: string) =>
      cli('delegate', steps, '--agent', 'script', '--title', title);
    delegate('err:2 exit:1', 'Migrate the config loader to zod');
    delegate('out:2', 'Update the README badges');
    const long = ['Refactor the lock module', 'Profile the output reader', 'Document the CLI'];
    for (const title of long) delegate('drip:3000:5', title);
    delegate('out:1', 'Split the engine into services');
    cli('cancel', delegate('sleep:60000', 'Try the new bundler'));
    for (const [group, n] of [
      [/^Failed/, '1'],
      [/^Cancelled/, '1'],
    ] as const)
      await row(tasks, group).filter({ hasText: n }).waitFor({ timeout: 30_000 });
    const failed = row(tasks, /^Failed/);
    if ((await failed.getAttribute('aria-expanded')) !== 'true') await failed.click();
    // Out of the way: a hover left over the rows would cover them (and the picture).
    await page.mouse.move(900, 700);

    // The side bar as VS Code opens it (no one widened it in this window).
    const width = (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(width <= 320, `the default width, not a widened one: ${width}px`);
    // How many run at once depends on the machine's load (the dispatcher's CPU gate): at least one.
    const runningRow = (pane: Locator) => row(pane, /script [1-9]\d*s · (Refactor|Profile|Document)/);
    for (const pane of [workers, tasks]) {
      await runningRow(pane).first().waitFor({ timeout: 30_000 });
      const rows = await runningRow(pane).all();
      for (const r of rows)
        assert.ok(await leadVisible(r, 'script 12s'.length), (await r.textContent()) ?? undefined);
    }
    const failure = row(tasks, /script \d+s · Migrate the config loader to zod/);
    assert.ok(await leadVisible(failure, 'script 0s'.length));
    await wb.screenshot(screenshotFile('dispatch-tasks'), page.locator('.part.sidebar'));
  });
});
