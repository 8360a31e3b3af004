// The path a person takes: F1 → "Dispatch: Delegate Task" → a prompt → the fake agent → the
// defaults → the task appears in Workers → its output opens from there → it completes and moves
// to Completed. Then Delegate Selection from the editor. Each run saves the views with work in
// them to test-results/ui/; with DISPATCH_UPDATE_SCREENSHOTS=1 also to docs/images/ (committed,
// shown in the README).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ANY_LEVEL, fakeAgent, runCli } from '../support/cli';
import { collapseView, dispatchView, quickInput, row, toast, widenSideBar } from '../support/dispatchViews';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { printStep } from '../support/uiTasks';
import { openWorkbench, repoRoot, type Workbench } from '../support/workbench';

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
};

const shots = (name: string) => [
  path.join(repoRoot, 'test-results', 'ui', name),
  ...(process.env.DISPATCH_UPDATE_SCREENSHOTS === '1' ? [path.join(repoRoot, 'docs', 'images', name)] : []),
];

type Listed = { id: string; title: string; prompt: string; state: string };
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

  after(async () => {
    // Agents outlive the window by design: stop what the tests left running before closing it.
    if (wb) await cancelUnfinished(wb.workspace);
    await wb?.close();
  });

  it('delegates from the palette, shows the task in Workers, opens its output, and files it under Completed', async () => {
    const { page } = wb;
    const title = 'Add unit tests for the date parser';
    const workers = await dispatchView(page, 'Workers');
    await widenSideBar(page, 520);
    await wb.runCommand('Dispatch: Delegate Task');
    const q = quickInput(page);
    await q.title.filter({ hasText: 'Delegate Task' }).waitFor();
    await page.getByText('What should the agent do?').waitFor();
    await q.input.fill(title);
    await page.keyboard.press('Enter');
    // Step 2: the agent. The person picks the fake agent by name.
    await page.locator('.quick-input-widget input[placeholder^="Which agent?"]').waitFor();
    await q.rows.filter({ hasText: 'plays a short agent session' }).first().click();
    // Steps 3 to 5: autonomy, priority and folder, defaults accepted (a custom agent without
    // modelArgs takes no model: no model step).
    await page.locator('.quick-input-widget input[placeholder^="How much may the agent do"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Priority?"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Working folder?"]').waitFor();
    await page.keyboard.press('Enter');
    await toast(page, `Queued: ${title}`).waitFor();

    const running = row(workers, title);
    await running.waitFor({ timeout: 20_000 });
    // The elapsed time ticks while it runs.
    await running.filter({ hasText: /fake · [2-9]s · this window/ }).waitFor({ timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: '1 running · 0 queued' }).waitFor();
    for (const file of shots('dispatch-workers.png'))
      await wb.screenshot(file, page.locator('.part.sidebar'));

    await running.click(); // a row's command is Show Output
    const frame = await outputPanelFrame(page, title, 60_000);
    await frame.locator('.row', { hasText: 'Writing test/date/parse.test.ts' }).waitFor({ timeout: 30_000 });

    const tasks = await dispatchView(page, 'Tasks');
    const completed = row(tasks, /^Completed/);
    await completed.filter({ hasText: '1' }).waitFor({ timeout: 30_000 });
    await toast(page, `Completed: ${title}`).waitFor();
    await row(workers, title).waitFor({ state: 'detached' });
    if ((await completed.getAttribute('aria-expanded')) !== 'true') await completed.click();
    await row(tasks, title).filter({ hasText: 'fake ·' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor();
  });

  it('takes a long prompt written in an editor, then closes that editor without a save prompt', async () => {
    const { page } = wb;
    await wb.runCommand('Dispatch: Delegate Task');
    const q = quickInput(page);
    await q.input.fill('Split parse() into');
    await q.widget.getByRole('button', { name: 'Write in Editor… (for a longer prompt)' }).click();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines');
    await editor.filter({ hasText: 'Split parse() into' }).waitFor();
    await page.keyboard.type(' a tokenizer and a validator.\n\nKeep the public API as it is.');
    await page.locator('.editor-actions').getByRole('button', { name: 'Delegate Prompt' }).click();
    // The rest of Delegate Task: the agent is now step 1 of 5.
    await page.locator('.quick-input-widget input[placeholder^="Which agent?"]').waitFor();
    await q.rows.filter({ hasText: 'plays a short agent session' }).first().click();
    await page.locator('.quick-input-widget input[placeholder^="How much may the agent do"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Priority?"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Working folder?"]').waitFor();
    await page.keyboard.press('Enter');
    // A task exists now (the first test's), so the last step asks whether to wait for one.
    await page.locator('.quick-input-widget input[placeholder^="Run after…?"]').waitFor();
    await page.keyboard.press('Enter');
    await toast(page, 'Queued: Split parse() into a tokenizer and a validator.').waitFor();
    await editor.filter({ hasText: 'Keep the public API' }).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "save changes?" dialog');
    // The whole prompt, without the guidance line, as the CLI sees it.
    const task = listTasks(wb.workspace).find((t) => t.title.startsWith('Split parse()'));
    assert.equal(
      task?.prompt,
      'Split parse() into a tokenizer and a validator.\n\nKeep the public API as it is.',
    );
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
    await toast(page, 'Queued: Reject dates that do not parse').waitFor();
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

  it('shows every group of the Tasks view with counts (screenshot)', async () => {
    const { page } = wb;
    const tasks = await dispatchView(page, 'Tasks');
    const workers = await dispatchView(page, 'Workers');
    // Every group in sight (and in the picture): the Schedules view, empty here, gives up its room.
    await collapseView(page, 'Schedules');
    // The tasks of the previous tests end first, so the three long runs are what runs.
    await row(workers, 'fake ·').first().waitFor({ state: 'detached', timeout: 30_000 });
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
    await row(tasks, /^Running/)
      .filter({ hasText: '3' })
      .waitFor({ timeout: 30_000 });
    await row(tasks, /^Queued/)
      .filter({ hasText: '1' })
      .waitFor();
    await row(tasks, /^Failed/)
      .filter({ hasText: '1' })
      .waitFor();
    await row(tasks, /^Cancelled/)
      .filter({ hasText: '1' })
      .waitFor();
    await row(tasks, 'Split the engine into services').waitFor();
    for (const title of long)
      await row(workers, title)
        .filter({ hasText: /[1-9]s · this window/ })
        .waitFor();
    for (const file of shots('dispatch-tasks.png')) await wb.screenshot(file, page.locator('.part.sidebar'));
  });
});
