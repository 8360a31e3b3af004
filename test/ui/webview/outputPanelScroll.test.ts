// The output panel's webview in headless Chromium: scrolling and follow, large logs, older pages,
// view state across reloads, and the screenshot. Saves test-results/ui/output-panel.png on every
// run; with DISPATCH_UPDATE_SCREENSHOTS=1 also docs/images/output-panel.png (for the README).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chunk, init, numbered, usePanelHarness } from '../../support/panelTest';
import { repoRoot } from '../../support/workbench';

describe('output panel webview: scrolling, scale and state', function () {
  this.timeout(60_000);
  const { open } = usePanelHarness();

  it('pauses follow when the user scrolls up and resumes at the bottom', async () => {
    const p = await open();
    await init(p, [chunk(numbered(0, 500))]);
    await p.page.locator('.row', { hasText: 'line 499' }).waitFor();
    const follow = p.page.locator('.toggle-follow');
    assert.equal(await follow.evaluate((c) => (c as HTMLInputElement).checked), true);

    await p.page.locator('.log').hover();
    await p.page.mouse.wheel(0, -600);
    await p.page.waitForFunction(
      () => !(document.querySelector('.toggle-follow') as HTMLInputElement).checked,
    );
    const top = await p.page.locator('.log').evaluate((l) => l.scrollTop);
    await p.send({ type: 'host/append', chunks: [chunk(numbered(500, 600))] });
    await p.page.waitForTimeout(200);
    assert.equal(
      await p.page.locator('.log').evaluate((l) => l.scrollTop),
      top,
      'the view stays where the user put it',
    );
    assert.ok(!(await p.visibleRows()).includes('line 599'));

    await p.page.mouse.wheel(0, 100_000);
    await p.page.waitForFunction(
      () => (document.querySelector('.toggle-follow') as HTMLInputElement).checked,
    );
    await p.send({ type: 'host/append', chunks: [chunk('after resuming\n')] });
    await p.page.waitForFunction(() =>
      [...document.querySelectorAll('.row')].some((r) => r.textContent === 'after resuming'),
    );
    assert.equal((await p.visibleRows()).at(-1), 'after resuming');
  });

  it('shows the tail of a 100,000-line log with a few hundred elements', async () => {
    const p = await open();
    await init(p, [chunk(numbered(0, 100_000))]);
    await p.page.waitForFunction(() => document.querySelector('.log')!.textContent!.includes('line 99999'));
    const rows = await p.visibleRows();
    assert.equal(rows.at(-1), 'line 99999');
    const nodes = await p.page.evaluate(() => ({
      rows: document.querySelectorAll('.row').length,
      all: document.querySelectorAll('.log *').length,
    }));
    assert.ok(nodes.rows < 200, `${nodes.rows} rows`);
    assert.ok(nodes.all < 500, `${nodes.all} elements`);
    // Jump to the top and back: the rows are reused, not added.
    await p.page.locator('.log').evaluate((l) => {
      l.scrollTop = 0;
    });
    await p.page.locator('.row', { hasText: /^line 0$/ }).waitFor();
    assert.ok((await p.page.evaluate(() => document.querySelectorAll('.log *').length)) < 500);
  });

  it('asks for older output at the top and keeps the view in place when it arrives', async () => {
    const p = await open();
    const first = chunk(numbered(1000, 1300));
    await init(p, [first], { hasOlder: true });
    await p.page.locator('.row', { hasText: 'line 1299' }).waitFor();
    await p.page.locator('.log').evaluate((l) => {
      l.scrollTop = 0;
    });
    const request = await p.waitForPosted('webview/requestOlder');
    assert.equal(request.beforeOffset, first.offset);
    await p.send({
      type: 'host/older',
      chunks: [{ ...chunk(numbered(700, 1000)), offset: 0 }],
      hasOlder: false,
    });
    await p.page.waitForFunction(() => document.querySelector('.row')?.parentElement?.style.height !== '');
    await p.page.waitForTimeout(100);
    const rows = await p.visibleRows();
    assert.equal(rows[0], 'line 1000', 'the line that was at the top stays at the top');
    await p.page.locator('.log').evaluate((l) => {
      l.scrollTop = 0;
    });
    await p.page.locator('.row', { hasText: /^line 700$/ }).waitFor();
    await p.page.waitForTimeout(100);
    assert.equal(
      (await p.posted()).filter((m) => m.type === 'webview/requestOlder').length,
      1,
      'no more asked once hasOlder is false',
    );
  });

  it('toggles timestamps and keeps the view state across a reload', async () => {
    const p = await open();
    await init(p, [chunk('stamped\n', 'stdout', new Date(2026, 0, 2, 3, 4, 5, 67).getTime())]);
    await p.page.locator('.toggle-timestamps').click();
    await p.page.locator('.stamp', { hasText: '03:04:05.067' }).waitFor();
    const saved = await p.page.evaluate(() => (window as unknown as { __savedState: unknown }).__savedState);
    assert.deepEqual(saved, { taskId: 'task-1', follow: true, showTimestamps: true, query: '', raw: false });
    await p.close();

    const again = await open({
      savedState: { taskId: 'task-1', follow: true, showTimestamps: true, query: 'stamp' },
    });
    await init(again, [chunk('stamped\n', 'stdout', new Date(2026, 0, 2, 3, 4, 5, 67).getTime())]);
    await again.page.locator('.stamp').waitFor();
    await again.page.locator('.find-count', { hasText: '1 of 1' }).waitFor();
  });

  it('looks right in a dark theme (screenshot)', async () => {
    const p = await open({
      viewport: { width: 980, height: 560 },
      task: { title: 'Fix the flaky lock test' },
    });
    const t0 = Date.now() - 83_000;
    const at = (s: number) => t0 + s * 1000;
    await init(p, [
      chunk('Agent Dispatch: started claude in /work/project (pid 41873)\n', 'system', at(0)),
      chunk('\x1b[1mReading\x1b[0m src/store/lock.ts, test/unit/store/lock.test.ts\n', 'stdout', at(2)),
      chunk('\x1b[36m●\x1b[0m Running \x1b[33mnpm test\x1b[0m -- --grep lock\n', 'stdout', at(9)),
      chunk(
        '  \x1b[32m✔\x1b[0m acquires the lock with O_EXCL\n  \x1b[32m✔\x1b[0m breaks a stale lock of a dead pid\n',
        'stdout',
        at(14),
      ),
      chunk('  \x1b[31m✖ keeps the lock when the holder is alive\x1b[0m\n', 'stdout', at(14)),
      chunk(
        'AssertionError: expected 2 holders to be 1\n    at Context.<anonymous> (test/unit/store/lock.test.ts:88:12)\n',
        'stderr',
        at(15),
      ),
      chunk(
        '\x1b[2m(node:41901) ExperimentalWarning: VM Modules is an experimental feature\x1b[0m\n',
        'stderr',
        at(15),
      ),
      chunk(
        '\x1b[35mThinking:\x1b[0m the heartbeat check compares \x1b[4mwall-clock\x1b[0m time; use the process start time\n',
        'stdout',
        at(31),
      ),
      chunk(
        '\x1b[38;5;208mEdit\x1b[0m src/store/lock.ts \x1b[32m+12\x1b[0m \x1b[31m-4\x1b[0m\n',
        'stdout',
        at(40),
      ),
      chunk(
        '  \x1b[32m✔\x1b[0m keeps the lock when the holder is alive\n\x1b[1;32m  24 passing\x1b[0m (1.2s)\n',
        'stdout',
        at(62),
      ),
      chunk('<script>alert(1)</script> is shown as text, never run\n', 'stdout', at(70)),
      chunk(
        'Progress: [##########          ] 50%\rProgress: [####################] 100%\n',
        'stdout',
        at(75),
      ),
    ]);
    await p.page.locator('.row', { hasText: 'Progress' }).waitFor();
    await p.page.locator('.toggle-timestamps').click();
    await p.page.keyboard.press('Control+f');
    await p.page.keyboard.type('lock');
    await p.page.locator('.find-count', { hasText: 'of' }).waitFor();
    await p.page.locator('.log').hover({ position: { x: 300, y: 130 } });
    await p.page.waitForTimeout(300);
    const file = path.join(repoRoot, 'test-results', 'ui', 'output-panel.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await p.page.screenshot({ path: file });
    if (process.env.DISPATCH_UPDATE_SCREENSHOTS === '1') {
      await p.page.screenshot({ path: path.join(repoRoot, 'docs', 'images', 'output-panel.png') });
    }
  });
});
