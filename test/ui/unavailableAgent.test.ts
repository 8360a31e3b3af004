// A new user without Claude Code: the default agent, `claude`, is not on the window's PATH. Enter
// on the agent step ("Enter: the default") must not fall through to another row — before, it took
// the highlighted `shell` row and ran the prompt as a bash command line — but say why and stay
// open; Delegate Selection must refuse it the same way instead of queueing a task that fails.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fakeAgent, runCli } from '../support/cli';
import { quickInput, toast } from '../support/dispatchViews';
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
};

const REASON =
  'claude is not installed (not found on PATH) — install it with `npm install -g @anthropic-ai/claude-code`';

type Listed = { title: string; agent: string };
const listTasks = (workspace: string) => JSON.parse(runCli(workspace, ['list', '--json']).stdout) as Listed[];

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

  after(async () => {
    await wb?.close();
    if (emptyBin) rmSync(emptyBin, { recursive: true, force: true });
  });

  it('keeps Delegate Task on the agent step, saying why, when Enter takes a default that cannot run', async () => {
    const { page } = wb;
    const q = quickInput(page);
    await wb.runCommand('Dispatch: Delegate Task');
    await page.getByText('What should the agent do?').waitFor();
    await q.input.fill('make the tests pass');
    await page.keyboard.press('Enter');
    const agentStep = page.locator('.quick-input-widget input[placeholder^="Which agent?"]');
    await agentStep.waitFor();
    // The default is the active row, marked; `shell` is there but not where Enter lands.
    const active = q.rows.and(page.locator('.focused'));
    await active.filter({ hasText: 'claude' }).waitFor();
    assert.equal(await active.filter({ hasText: 'shell' }).count(), 0);
    await page.keyboard.press('Enter');
    await toast(page, `${REASON}, or pick another agent`).waitFor();
    // Still the agent step, still on claude, and nothing queued.
    await agentStep.waitFor();
    await active.filter({ hasText: 'claude' }).waitFor();
    assert.deepEqual(listTasks(wb.workspace), []);
    // Picking an agent that can run carries on with the defaults.
    await q.rows.filter({ hasText: 'plays a short agent session' }).first().click();
    await page.locator('.quick-input-widget input[placeholder^="How much may the agent do"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Priority?"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder^="Working folder?"]').waitFor();
    await page.keyboard.press('Enter');
    await toast(page, 'Queued: make the tests pass').waitFor();
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
    await toast(page, 'Queued: Greet by name').waitFor();
    assert.equal(listTasks(wb.workspace).find((t) => t.title === 'Greet by name')?.agent, 'fake');
  });
});
