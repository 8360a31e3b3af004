// A new user without Claude Code: the default agent, `claude`, is not on the window's PATH.
// Delegate Task says why under the input, refuses Enter with the prompt kept, and offers to
// install it; Delegate Selection refuses it the same way. A claude task queued from a terminal
// (which stores it anyway) fails with one line of reason and Install…/Configure… instead of a
// Retry that would fail again: Install… runs the install command in a terminal, Configure… opens
// the settings.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { fakeAgent, runCli } from '../support/cli';
import { choose, delegateBox, openDelegateBox, titleButton } from '../support/delegateBox';
import { quickInput, toast } from '../support/dispatchViews';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { printStep } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';

const settings = {
  // No dispatch.defaultAgent: the default, `claude`. `fake` is an absolute path, so it runs
  // whatever the PATH.
  'dispatch.agents': {
    fake: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), printStep('done\n')],
      env: { FAKE_PROMPT: '${prompt}' },
      description: 'plays a short agent session',
    },
  },
  'dispatch.outputFlushIntervalMs': 100,
  'dispatch.memoryReserveMB': 0,
  'dispatch.notifications': 'all',
  // The DOM renderer: the terminal's rows are text in the page rather than pixels on a canvas.
  'terminal.integrated.gpuAcceleration': 'off',
  // Install… must never install anything from a test: the terminal's "shell" is cat, which shows
  // the command it is sent and runs nothing (a real shell would reset PATH and run npm).
  'terminal.integrated.profiles.linux': { 'echo only': { path: '/bin/cat' } },
  'terminal.integrated.defaultProfile.linux': 'echo only',
};

const INSTALL = 'npm install -g @anthropic-ai/claude-code';
const REASON = `claude is not installed (not found on PATH): install it with ${INSTALL}`;

type Listed = { title: string; agent: string; state: string };
const listTasks = (workspace: string) => JSON.parse(runCli(workspace, ['list', '--json']).stdout) as Listed[];

/** The text of the active integrated terminal, once it shows `expected`. */
async function terminalShows(page: Page, expected: string): Promise<void> {
  const rows = page.locator('.terminal-wrapper.active .xterm-rows > div');
  await rows.filter({ hasText: expected }).first().waitFor({ timeout: 30_000 });
}

describe('An agent that cannot run here', () => {
  let wb: Workbench;
  let emptyBin: string;

  before(async () => {
    // A PATH with nothing on it: no `claude`, whatever this machine has installed.
    emptyBin = mkdtempSync(path.join(tmpdir(), 'dispatch-empty-path-'));
    wb = await openWorkbench({
      env: { PATH: emptyBin },
      files: {
        '.vscode/settings.json': JSON.stringify(settings, null, 2),
        'src/greet.ts': 'export function hello(): string {\n  return "hello";\n}\n',
      },
    });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    await wb?.close();
    if (emptyBin) rmSync(emptyBin, { recursive: true, force: true });
  });

  it('says why in Delegate Task, refuses Enter keeping the prompt, and offers Install… and another agent', async () => {
    const { page } = wb;
    const q = quickInput(page);
    await openDelegateBox(wb);
    await q.input.fill('make the tests pass');
    const why = q.widget.locator('.quick-input-message', {
      hasText: `${REASON}, or pick another agent (the Agent button)`,
    });
    await why.waitFor();
    await page.keyboard.press('Enter');
    // Refused in place: still the box, still the prompt, nothing queued.
    await why.waitFor();
    assert.equal(await q.input.inputValue(), 'make the tests pass');
    assert.deepEqual(listTasks(wb.workspace), []);

    // Install… runs the install command in a terminal; the box stays, with the prompt.
    await q.title.hover();
    await titleButton(page, `Install claude… (${INSTALL})`).click();
    await terminalShows(page, INSTALL);
    await delegateBox(page).waitFor();
    assert.equal(await q.input.inputValue(), 'make the tests pass');

    // Another agent from the Agent button, and Enter delegates.
    await choose(page, 'Agent: claude', 'plays a short agent session');
    await titleButton(page, 'Agent: fake').waitFor();
    await page.keyboard.press('Enter');
    await toast(page, /(Queued|Running|Completed in \d+s): make the tests pass/)
      .first()
      .waitFor({ timeout: 20_000 });
    assert.deepEqual(
      listTasks(wb.workspace).map((t) => [t.title, t.agent]),
      [['make the tests pass', 'fake']],
    );
  });

  it('refuses Delegate Selection to a default that cannot run, keeping the instruction for another agent', async () => {
    const { page } = wb;
    const q = quickInput(page);
    await wb.runCommand('Go to File...');
    await q.input.fill('greet.ts');
    await q.rows.filter({ hasText: 'greet.ts' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'export function hello' }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await wb.runCommand('Dispatch: Delegate Selection');
    await q.title.filter({ hasText: 'Delegate Selection to claude' }).waitFor();
    const why = q.widget.getByText(`${REASON}, or pick another agent (Choose Agent… in the title bar)`);
    await why.waitFor();
    await q.input.fill('Greet by name');
    await page.keyboard.press('Enter');
    // Refused in place: the box is still open with the reason and the instruction.
    await why.waitFor();
    assert.equal(await q.input.inputValue(), 'Greet by name');
    assert.deepEqual(
      listTasks(wb.workspace).filter((t) => t.title === 'Greet by name'),
      [],
    );
    // The input's hover (its placeholder) lies over the title bar while the pointer rests on it.
    await q.title.hover();
    await page.locator('.context-view .hover-contents').waitFor({ state: 'detached' });
    await q.widget.getByRole('button', { name: 'Choose Agent…' }).click();
    await q.rows.filter({ hasText: 'plays a short agent session' }).first().click();
    await q.title.filter({ hasText: 'Delegate Selection to fake' }).waitFor();
    assert.equal(await q.input.inputValue(), 'Greet by name');
    await page.keyboard.press('Enter');
    await toast(page, /(Queued|Running|Completed in \d+s): Greet by name/)
      .first()
      .waitFor({ timeout: 20_000 });
    assert.equal(listTasks(wb.workspace).find((t) => t.title === 'Greet by name')?.agent, 'fake');
  });

  it('fails a task whose agent is missing with one line of reason, offering Install… and Configure…, not Retry', async () => {
    const { page } = wb;
    // From a terminal: the CLI stores it anyway (a worker with another PATH might run it); this
    // window, the only one, runs it and announces how it ended.
    const queue = (title: string) => {
      const run = runCli(wb.workspace, ['delegate', 'make it pass', '--agent', 'claude', '--title', title], {
        PATH: emptyBin,
      });
      assert.equal(run.status, 0, run.stderr);
    };
    queue('Needs claude');
    const failed = toast(
      page,
      `Failed: Needs claude — claude is not installed (claude is not on PATH): install it with ${INSTALL}`,
    );
    await failed.waitFor({ timeout: 30_000 });
    const text = (await failed.locator('.notification-list-item-message').textContent()) ?? '';
    assert.doesNotMatch(text, /spawn-failed|`|\n/, 'no internal code, no Markdown, one line');
    assert.ok(!text.includes(emptyBin), 'no PATH listing');
    const buttons = await failed.getByRole('button').allTextContents();
    for (const action of ['Show Output', 'Install…', 'Configure…'])
      assert.ok(buttons.includes(action), action);
    assert.ok(!buttons.includes('Retry'), 'Retry would fail the same way');
    await failed.and(page.locator('.notification-fade-in-done')).waitFor(); // not mid-animation
    await wb.screenshot(screenshotFile('notification-agent-missing'));

    await failed.getByRole('button', { name: 'Configure…' }).click();
    const search = page.locator('.settings-editor .suggest-input-container .monaco-editor .view-lines');
    await search.filter({ hasText: 'dispatch agent' }).waitFor({ timeout: 30_000 });
    await page
      .locator('.settings-editor .setting-item-label', { hasText: 'Default Agent' })
      .first()
      .waitFor();

    queue('Needs claude again');
    const again = toast(page, 'Failed: Needs claude again');
    await again.waitFor({ timeout: 30_000 });
    await again.getByRole('button', { name: 'Install…' }).click();
    await terminalShows(page, INSTALL);
  });
});
