// The output panel in a real VS Code window: a task delegated from a terminal streams into the
// panel live, in colour, and its header follows it to the end; a log full of markup stays text.
// After Reload Window a panel shows what it showed at once, then catches up. Saves
// docs/screenshots/output-panel-live.png for the README.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { outputPanelFrame, panelRows, showOutput } from '../support/outputPanelFrame';
import { screenshotFile } from '../support/screenshots';
import { delegate, fakeAgentSettings, printStep } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';

/** What an agent session looks like, for the screenshot: colours, stderr, a tool call or two. */
const TRANSCRIPT = [
  '\x1b[1mReading\x1b[0m src/store/lock.ts, test/unit/store/lock.test.ts',
  '\x1b[36m●\x1b[0m Running \x1b[33mnpm test\x1b[0m -- --grep lock',
  '  \x1b[32m✔\x1b[0m acquires and releases \x1b[2m(4 ms)\x1b[0m',
  '  \x1b[32m✔\x1b[0m breaks a lock whose holder died \x1b[2m(23 ms)\x1b[0m',
  '  \x1b[31m✘ waits for a live holder that pauses\x1b[0m',
  '\x1b[36m●\x1b[0m Editing \x1b[1msrc/store/lock.ts\x1b[0m: re-check the token before unlinking',
  '',
].join('\n');

describe('Output panel in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { '.vscode/settings.json': fakeAgentSettings() } });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('streams a running task live and shows it completing', async () => {
    const title = 'Fix the flaky lock test';
    // The transcript, then the agent waits at a gate until the panel is open; after 139 lines at
    // 20 a second it waits again, so the panel is seen following a task that is still running.
    const [opened, done] = ['panel-open', 'seen-live'].map((name) => path.join(wb.workspace, name));
    delegate(
      wb.workspace,
      `${printStep(TRANSCRIPT)} err:1 gate:${opened} drip:139:20 gate:${done} out:2`,
      title,
    );
    const frame = await showOutput(wb, title);
    await frame.locator('.row', { hasText: 'Editing src/store/lock.ts' }).waitFor({ timeout: 30_000 });
    await frame.locator('.state', { hasText: 'Running' }).waitFor();
    await frame.locator('.where', { hasText: 'in this window' }).waitFor();
    writeFileSync(opened!, '');
    await frame
      .locator('.row', { hasText: /^drip [3-9]$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.screenshot(screenshotFile('output-panel-live'));
    // Every line printed after the panel opened arrives in it while the agent is held at the gate.
    await frame.locator('.row', { hasText: /^drip 139$/ }).waitFor({ timeout: 60_000 });
    await frame.locator('.state', { hasText: 'Running' }).waitFor();
    writeFileSync(done!, '');

    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await frame.locator('.outcome', { hasText: /^Completed in \d+s$/ }).waitFor();
    const rows = await panelRows(frame);
    // Followed to the end: the agent's last lines, then the supervisor's own closing line.
    assert.deepEqual(rows.slice(-4, -1), ['drip 139', 'out 1', 'out 2']);
    assert.match(rows.at(-1) ?? '', /exited with code 0/);
    // Colours came through as styled spans (the fake agent's "out" lines are green).
    const styled = await frame.evaluate(() => document.querySelectorAll('.row span[style*="color"]').length);
    assert.ok(styled > 0, 'some output is styled');
  });

  it('shows a log full of markup as text and runs none of it', async () => {
    const title = 'Print hostile markup';
    const payloads = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      "\x1b]8;;javascript:window.__pwned='osc8'\x1b\\click me\x1b]8;;\x1b\\",
      '<a href="javascript:window.__pwned=1">link</a><iframe src="javascript:1"></iframe>',
    ];
    const requests: string[] = [];
    wb.page.on('request', (request) => requests.push(request.url()));
    delegate(wb.workspace, printStep(`${payloads.join('\n')}\n`), title);
    const frame = await showOutput(wb, title);
    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await frame.locator('.row', { hasText: 'click me' }).waitFor();
    const found = await frame.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      injected: document.querySelectorAll('.log img, .log a, .log script, .log iframe').length,
      text: document.querySelector('.log')?.textContent ?? '',
    }));
    assert.equal(found.pwned, undefined);
    assert.equal(found.injected, 0);
    assert.ok(found.text.includes('<script>window.__pwned = "script"</script>'));
    assert.ok(found.text.includes('<img src=x onerror='));
    assert.ok(!found.text.includes("__pwned='osc8'"), 'the OSC 8 target is dropped');
    assert.equal(
      await wb.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      undefined,
    );
    assert.deepEqual(
      requests.filter((url) => /\/x(\?|$)/.test(url) || url.startsWith('javascript:')),
      [],
      'no image or script URL was fetched',
    );
    // The same document again after the panel is hidden and shown: still inert.
    await wb.runCommand('View: Close All Editors');
    await showOutput(wb, title);
    const again = await outputPanelFrame(wb.page, title);
    await again.locator('.row', { hasText: 'click me' }).waitFor();
    assert.equal(await again.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  });

  it('loads older output from the log when scrolled to the top', async () => {
    const title = 'A long finished log';
    delegate(wb.workspace, 'out:5000', title);
    const frame = await showOutput(wb, title);
    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await frame.locator('.row', { hasText: /^out 5000$/ }).waitFor();
    // The host sent the last 2,000 lines; two older pages (webview/requestOlder) reach line 1.
    for (let i = 0; i < 20 && !(await panelRows(frame)).includes('out 1'); i++) {
      await frame.locator('.log').evaluate((log) => {
        log.scrollTop = 0;
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const rows = await panelRows(frame);
    assert.equal(rows[0], 'out 1', `the top of the log: ${rows.slice(0, 3).join(' | ')}`);
  });

  it('comes back after Reload Window showing its last output at once, then catches up', async () => {
    const title = 'Survive a reload';
    delegate(wb.workspace, 'out:30 err:1', title);
    const frame = await showOutput(wb, title);
    await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    await frame.locator('.toggle-timestamps').click();
    await frame.locator('.stamp').first().waitFor();
    // The panel keeps what it shows in its state within a second of the last change.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // The workbench's own command: it saves the window's state (editors, webview state) first.
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame() });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    // From the moment the restored tab is on screen: how soon its output shows (measured here;
    // a bound belongs in a benchmark, not in a test on a shared machine).
    await wb.page.locator('.tab', { hasText: title }).waitFor({ timeout: 90_000 });
    const tabShown = Date.now();
    // Restored by the panel serializer from the state the webview saved: no command run.
    const restored = await outputPanelFrame(wb.page, title, 60_000);
    await restored.locator('.row', { hasText: 'err 1' }).waitFor({ timeout: 30_000 });
    const shownAfter = Date.now() - tabShown;
    // Painted from the saved snapshot, before the host's host/init (which sets caughtUpAt) —
    // whenever the host answered, the lines did not wait for it.
    const marks = await restored.evaluate(() => ({ ...document.body.dataset }));
    assert.ok(Number(marks.restoredLines) >= 31, `painted from the snapshot: ${JSON.stringify(marks)}`);
    assert.ok(
      marks.caughtUpAt === undefined || Number(marks.restoredAt) <= Number(marks.caughtUpAt),
      JSON.stringify(marks),
    );
    const ahead = marks.caughtUpAt
      ? `${Number(marks.caughtUpAt) - Number(marks.restoredAt)} ms before`
      : 'before';
    console.log(
      `      restored panel: output on screen ${shownAfter} ms after its tab, ${ahead} the host caught up`,
    );
    // Then the host catches up: the header from the engine, the notice gone, the view state kept.
    await restored.locator('.notice-restored').waitFor({ state: 'detached', timeout: 60_000 });
    await restored.locator('.state', { hasText: 'Completed' }).waitFor();
    await restored.locator('.stamp').first().waitFor();
  });
});
