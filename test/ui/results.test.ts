// Issue 13 as a person meets it in a VS Code window: Delegate Task with a model and an autonomy
// from the palette, the output panel reading a Claude run as a transcript with the agent's result
// in its header, Raw for the JSON, and a reply typed under the output that continues Claude's own
// session in a new panel showing the thread. Claude is replay-agent.js: it prints what the real
// CLI printed (test/fixtures/agents/captured) and records the arguments it was started with.
// Saves docs/screenshots/output-panel-transcript.png and output-panel-reply.png for the README.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { fakeAgent, runCli } from '../support/cli';
import { choose, delegateBox, openDelegateBox, titleButton } from '../support/delegateBox';
import { quickInput, toast } from '../support/dispatchViews';
import { outputPanelFrame, panelRows, showOutput } from '../support/outputPanelFrame';
import { screenshotFailures, screenshotFile } from '../support/screenshots';
import { openWorkbench, type Workbench } from '../support/workbench';

const ARGV = 'argv.jsonl';

describe('Results, transcripts and replies in the workbench', () => {
  let wb: Workbench;

  const argvOf = (title: string): string[] => {
    const file = path.join(wb.workspace, ARGV);
    const tasks = JSON.parse(runCli(wb.workspace, ['list', '--json']).stdout) as {
      id: string;
      title: string;
    }[];
    const id = tasks.find((t) => t.title === title)?.id;
    assert.ok(id && existsSync(file), `task "${title}" started its agent`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const found = lines
      .map((l) => JSON.parse(l) as { task: string; argv: string[] })
      .find((l) => l.task === id);
    assert.ok(found, `task ${id} recorded its arguments`);
    return found.argv;
  };
  const flagValue = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];
  const rowsText = async (frame: Frame) => (await panelRows(frame)).join('\n');

  before(async () => {
    const settings = {
      'dispatch.agents': {
        claude: { command: fakeAgent('replay-agent.js'), env: { ARGV_FILE: '${cwd}/argv.jsonl' } },
      },
      'dispatch.defaultAgent': 'claude',
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.memoryReserveMB': 0,
    };
    wb = await openWorkbench({ files: { '.vscode/settings.json': JSON.stringify(settings, null, 2) } });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  screenshotFailures(() => wb);

  after(async () => {
    await wb?.close();
  });

  it('delegates with a model and an autonomy, then reads the transcript, the result and Raw', async () => {
    const { page } = wb;
    const title = 'replay:claude-bash-default';
    await openDelegateBox(wb);
    const q = quickInput(page);
    await q.input.fill(title);
    // Model: a text of its own, then back to the box with the prompt.
    await q.title.hover();
    await titleButton(page, 'Model: default').click();
    await page.getByText('Which model should claude use?').waitFor();
    await q.input.fill('mock-model-1');
    await page.keyboard.press('Enter');
    await delegateBox(page).waitFor();
    await choose(page, 'Autonomy: edit', 'every change is refused');
    await q.widget
      .locator('.quick-input-message', { hasText: 'claude · read-only · model mock-model-1' })
      .waitFor();
    await page.keyboard.press('Enter');
    await toast(page, new RegExp(`(Queued|Running|Completed in \\d+s): ${title}`))
      .first()
      .waitFor({
        timeout: 30_000,
      });

    const frame = await showOutput(wb, title);
    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await frame.locator('.task-config', { hasText: 'autonomy read-only · model mock-model-1' }).waitFor();
    await frame.locator('.result-denials', { hasText: '1 action refused: Bash "touch' }).waitFor();
    await frame.locator('.result-summary', { hasText: 'Done. (mock saw 4 messages)' }).waitFor();
    await frame.locator('.result-usage', { hasText: '240 tokens in, 34 out' }).waitFor();
    await frame.locator('.action-retryFull:not([hidden])').waitFor();
    await frame.locator('.row.kind-denial', { hasText: /^refused: Bash/ }).waitFor();
    assert.doesNotMatch(await rowsText(frame), /"type":/, 'a transcript, not JSON');
    const argv = argvOf(title);
    assert.equal(flagValue(argv, '--permission-mode'), 'plan', argv.join(' '));
    assert.equal(flagValue(argv, '--model'), 'mock-model-1');
    await wb.screenshot(screenshotFile('output-panel-transcript'));

    await frame.locator('.toggle-raw').click();
    await frame.locator('.row', { hasText: '"permission_denied"' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.row.kind-denial').count(), 0, 'Raw: the agent’s own lines');
    await frame.locator('.toggle-raw').click();
    await frame.locator('.row.kind-denial').waitFor({ timeout: 30_000 });
  });

  it('replies from the panel: a new panel continues Claude’s session under the earlier turn', async () => {
    const first = 'replay:claude-resume-first';
    const run = runCli(wb.workspace, ['delegate', first, '--agent', 'claude']);
    assert.equal(run.status, 0, run.stderr);
    const frame = await showOutput(wb, first);
    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    const box = frame.locator('.reply textarea');
    assert.equal(await box.getAttribute('placeholder').then((p) => p?.startsWith('Reply to claude…')), true);
    await box.fill('replay:claude-resume');
    await wb.screenshot(screenshotFile('output-panel-reply'));
    await box.press('Enter');

    const reply = await outputPanelFrame(wb.page, 'replay:claude-resume', 60_000);
    await reply.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await reply.locator('.row.kind-thread', { hasText: '— reply —' }).waitFor();
    const text = await rowsText(reply);
    assert.match(text, /— reply —\n> replay:claude-resume\n/);
    assert.match(text, /continuing claude session 84fe2d30-7e97-4d0b-849b-2b605ce876b4/);
    assert.ok(
      text.indexOf('Done. (mock saw 2 messages)') < text.indexOf('— reply —'),
      'the earlier turn first',
    );
    assert.equal(
      flagValue(argvOf('replay:claude-resume'), '--resume'),
      '84fe2d30-7e97-4d0b-849b-2b605ce876b4',
    );
  });
});
