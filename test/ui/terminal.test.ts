// `dispatch` where users are: the window delegates a task, then `dispatch list` typed into a new
// integrated terminal shows it. Nothing puts `dispatch` on the terminal's PATH but the extension
// (src/extension/terminal/terminalCli.ts), and the terminal opens in the workspace folder, where
// the CLI finds the window's state. In Restricted Mode the extension leaves PATH alone.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli';
import { dispatchView, quickInput, toast } from '../support/dispatchViews';
import { openWorkbench, type Workbench } from '../support/workbench';

const settings = {
  'dispatch.memoryReserveMB': 0,
  // The DOM renderer: the terminal's rows are text in the page rather than pixels on a canvas.
  'terminal.integrated.gpuAcceleration': 'off',
};
const files = { '.vscode/settings.json': JSON.stringify(settings, null, 2) };

/**
 * Opens a new integrated terminal (the only one: keys go to the active terminal, so an older one
 * is closed first), types `command` and returns the terminal's text once the command has
 * finished, and its exit status (echoed after it: the typed line itself shows `$?`, never digits,
 * so only the echo matches).
 */
async function runInNewTerminal(wb: Workbench, command: string): Promise<{ text: string; status: number }> {
  const { page } = wb;
  const wrappers = page.locator('.terminal-wrapper');
  if ((await wrappers.count()) > 0) {
    await wb.runCommand('Terminal: Kill All Terminals');
    await wrappers.first().waitFor({ state: 'detached' });
  }
  await wb.runCommand('Terminal: Create New Terminal');
  const rows = page.locator('.terminal-wrapper.active .xterm-rows > div');
  // The shell's prompt shows when it is ready for input.
  await rows.filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.type(`${command}; echo "status:$?"\n`);
  const done = rows.filter({ hasText: /^status:\d+\s*$/ });
  await done.waitFor({ timeout: 60_000 });
  const text = (await rows.allTextContents()).map((line) => line.trimEnd()).join('\n');
  const status = /status:(\d+)/.exec((await done.textContent()) ?? '')?.[1];
  return { text, status: Number(status) };
}

async function delegateShellTask(page: Page, command: string, run: (title: string) => Promise<void>) {
  await run('Dispatch: Delegate Task');
  const q = quickInput(page);
  await page.getByText('What should the agent do?').waitFor();
  await q.input.fill(command);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget input[placeholder^="Which agent?"]').waitFor();
  await q.rows.filter({ hasText: 'the prompt is a command line for your shell' }).first().click();
  await page.locator('.quick-input-widget input[placeholder^="Priority?"]').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget input[placeholder^="Working folder?"]').waitFor();
  await page.keyboard.press('Enter');
  await toast(page, `Queued: ${command}`).waitFor();
}

describe('The dispatch command in an integrated terminal', () => {
  let wb: Workbench | undefined;

  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('lists, in a new terminal, the task the window delegated', async () => {
    wb = await openWorkbench({ files });
    const { page } = wb;
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
    const title = 'echo delegated from the window';
    await delegateShellTask(page, title, wb.runCommand);
    const listed = JSON.parse(runCli(wb.workspace, ['list', '--json']).stdout) as { id: string }[];
    assert.equal(listed.length, 1, 'the window stored the task');

    const { text, status } = await runInNewTerminal(wb, 'dispatch list');
    assert.equal(status, 0, text);
    // `list` shows the autonomy after the agent (the shell agent ignores it)
    assert.match(text, new RegExp(`^${listed[0]!.id} .* shell +(?:\\S+ +)?${title}$`, 'm'));
  });

  it('leaves the terminal PATH alone in Restricted Mode, and adds dispatch once the folder is trusted', async () => {
    wb = await openWorkbench({ files, workspaceTrust: true });
    const { page } = wb;
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
    const workers = await dispatchView(page, 'Workers');
    await workers.getByText('Restricted Mode').waitFor();
    const untrusted = await runInNewTerminal(wb, 'command -v dispatch');
    assert.equal(untrusted.status, 1, untrusted.text);

    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await page.locator('.workspace-trust-editor').getByRole('button', { name: 'Trust', exact: true }).click();
    await page.locator('.workspace-trust-editor', { hasText: 'You trust this folder' }).waitFor();
    // The extension has handled the grant once Workers leaves its Restricted Mode message; the PATH
    // change, made in the same trust event after the context keys, has then reached the workbench.
    await workers.getByText('No agent is running').waitFor();
    const trusted = await runInNewTerminal(wb, 'command -v dispatch');
    assert.equal(trusted.status, 0, trusted.text);
  });
});
