// The output panel's webview in headless Chromium, with the real CSP (renderPanelHtml) and a
// fake VS Code API; the tests play the host: handshake, header, actions, rendering, safety, find.
import assert from 'node:assert/strict';
import type { PanelViewState } from '../../../src/protocol/outputPanel';
import { chunk, init, numbered, usePanelHarness } from '../../support/panelTest';
import { makeTask } from '../../support/webviewHarness';

describe('output panel webview', function () {
  this.timeout(60_000);
  const { open } = usePanelHarness();

  it('posts webview/ready once, acquires the API once, and breaks no CSP rule', async () => {
    const p = await open();
    const posted = await p.posted();
    assert.deepEqual(posted, [{ type: 'webview/ready', raw: false }]);
    assert.equal(await p.page.evaluate(() => (window as unknown as { __acquired: number }).__acquired), 1);
    await init(p, [chunk('hello\n')]);
    await p.page.locator('.row', { hasText: 'hello' }).waitFor();
    assert.deepEqual(await p.cspViolations(), []);
  });

  it('shows the header from the initial state, ticks while running, and follows task updates', async () => {
    const p = await open({ task: { title: 'Write the docs', agent: 'codex' } });
    const header = p.page.locator('.header');
    await header.locator('.title', { hasText: 'Write the docs' }).waitFor();
    assert.equal(await header.locator('.state').textContent(), 'Running');
    assert.equal(await header.locator('.agent').textContent(), 'codex');
    const before = await header.locator('.timing').textContent();
    assert.match(before ?? '', /^running for 1m 2\ds · started/);
    await p.page.waitForFunction((t) => document.querySelector('.timing')?.textContent !== t, before);
    assert.ok(await header.locator('.action-cancel').isVisible());
    assert.ok(!(await header.locator('.action-retry').isVisible()));

    const endedAt = Date.now();
    await p.send({
      type: 'host/task',
      task: makeTask({ state: 'failed', exitCode: 2, endedAt, reason: 'exit code 2' }),
    });
    await header.locator('.state', { hasText: 'Failed' }).waitFor();
    assert.match(
      (await header.locator('.outcome').textContent()) ?? '',
      /^Failed after 1m 2\ds: exit code 2$/,
    );
    assert.match((await header.locator('.timing').textContent()) ?? '', /^ended \d\d:\d\d:\d\d$/);
    assert.ok(!(await header.locator('.action-cancel').isVisible()));
    assert.ok(await header.locator('.action-retry').isVisible());
  });

  it('posts the actions: Cancel, Retry, Copy (the output as text), Open as Text', async () => {
    const p = await open();
    await init(p, [chunk('\x1b[32mgreen\x1b[0m\nsecond\n')]);
    await p.page.locator('.action-cancel').click();
    await p.page.locator('.action-copy').click();
    await p.page.locator('.action-openAsText').click();
    await p.send({
      type: 'host/task',
      task: makeTask({ state: 'completed', exitCode: 0, endedAt: Date.now() }),
    });
    await p.page.locator('.action-retry').click();
    await p.waitForPosted('webview/retry');
    assert.deepEqual((await p.posted()).slice(1), [
      { type: 'webview/cancel' },
      { type: 'webview/copy', text: 'green\nsecond' },
      { type: 'webview/openAsText' },
      { type: 'webview/retry' },
    ]);
  });

  it('paints what it showed before a reload at once, before the host answers, then catches up', async () => {
    const first = await open({ task: { title: 'Keep me' } });
    await init(first, [chunk('\x1b[32mstep one\x1b[0m\nstep two\n')]);
    await first.page.locator('.row', { hasText: 'step two' }).waitFor();
    // The snapshot is saved within a second of the last change.
    const saved = await first.page.waitForFunction(() => {
      const state = (window as unknown as { __savedState?: PanelViewState }).__savedState;
      return state?.snapshot?.lines.length === 2 ? state : undefined;
    });
    const state = (await saved.jsonValue()) as PanelViewState;
    await first.close();

    // Reloaded: the host has not answered yet (no host/init), and the lines are there.
    const again = await open({ savedState: state, task: state.snapshot!.task });
    assert.deepEqual(await again.visibleRows(), ['step one', 'step two']);
    await again.page.locator('.row span', { hasText: 'step one' }).first().waitFor();
    await again.page.locator('.notice-restored').waitFor();
    await init(again, [chunk('step one\nstep two\nstep three\n')]);
    await again.page.locator('.row', { hasText: 'step three' }).waitFor();
    assert.equal(await again.page.locator('.notice-restored').count(), 0, 'caught up: the notice is gone');
  });

  it("shows a worktree task's changes with Review, Apply and Discard while each applies, and posts them", async () => {
    const worktree = { changes: '3 files changed', canApply: true, canReview: true, canDiscard: true };
    const p = await open({ task: { state: 'completed', exitCode: 0, endedAt: Date.now(), worktree } });
    const header = p.page.locator('.header');
    await header.locator('.worktree', { hasText: 'worktree · 3 files changed' }).waitFor();
    await header.locator('.action-review').click();
    await header.locator('.action-apply').click();
    await header.locator('.action-discard').click();
    await p.waitForPosted('webview/discard');
    assert.deepEqual((await p.posted()).slice(1), [
      { type: 'webview/review' },
      { type: 'webview/apply' },
      { type: 'webview/discard' },
    ]);
    const applied = { ...worktree, changes: 'applied', canApply: false };
    await p.send({
      type: 'host/task',
      task: makeTask({ state: 'completed', exitCode: 0, endedAt: Date.now(), worktree: applied }),
    });
    await header.locator('.worktree', { hasText: 'worktree · applied' }).waitFor();
    assert.ok(!(await header.locator('.action-apply').isVisible()));
    assert.ok(await header.locator('.action-review').isVisible());
    const none = { changes: null, canApply: false, canReview: false, canDiscard: false };
    await p.send({ type: 'host/task', task: makeTask({ worktree: none }) });
    await header.locator('.worktree', { hasText: /^worktree$/ }).waitFor();
    for (const action of ['review', 'apply', 'discard'])
      assert.ok(!(await header.locator(`.action-${action}`).isVisible()), `${action} while it runs`);
    await p.send({ type: 'host/task', task: makeTask() });
    await header.locator('.worktree').waitFor({ state: 'hidden' });
  });

  it('shows Resume Now while the task is paused at its usage limit, posts it, and hides it when the task runs', async () => {
    const paused = { state: 'paused', endedAt: Date.now(), pausedWords: 'resumes 15:00' } as const;
    const p = await open({ task: paused });
    const header = p.page.locator('.header');
    const resume = header.locator('.action-resume');
    await resume.waitFor();
    assert.equal((await resume.textContent())?.trim(), 'Resume Now');
    assert.ok(await header.locator('.action-cancel').isVisible(), 'a paused task can be cancelled too');
    assert.ok(!(await header.locator('.action-retry').isVisible()));
    await resume.click();
    await p.waitForPosted('webview/resume');
    assert.deepEqual((await p.posted()).slice(1), [{ type: 'webview/resume' }]);
    // Queued again, then running: nothing to resume.
    await p.send({ type: 'host/task', task: makeTask({ state: 'queued', startedAt: null }) });
    await header.locator('.state', { hasText: 'Queued' }).waitFor();
    await resume.waitFor({ state: 'hidden' });
    await p.send({ type: 'host/task', task: makeTask() });
    await header.locator('.state', { hasText: 'Running' }).waitFor();
    assert.ok(!(await resume.isVisible()));
    // Paused again at the next limit: back.
    await p.send({ type: 'host/task', task: makeTask(paused) });
    await resume.waitFor();
    assert.deepEqual(await p.cspViolations(), []);
  });

  it('renders the tail from init and streams appended chunks, assembling split lines', async () => {
    const p = await open();
    await init(p, [chunk(numbered(0, 50))]);
    await p.page.locator('.row', { hasText: 'line 49' }).waitFor();
    await p.send({ type: 'host/append', chunks: [chunk('split ac')] });
    await p.send({ type: 'host/append', chunks: [chunk('ross chunks\r'), chunk('\nnext line\n')] });
    await p.page.locator('.row', { hasText: 'next line' }).waitFor();
    const rows = await p.visibleRows();
    assert.deepEqual(rows.slice(-3), ['line 49', 'split across chunks', 'next line']);
  });

  it('redraws a \\r progress bar in place and ends an unterminated line when the task ends', async () => {
    const p = await open();
    await init(p, [chunk('start\n')]);
    await p.send({ type: 'host/append', chunks: [chunk('downloading 10%\r')] });
    await p.page.locator('.row', { hasText: 'downloading 10%' }).waitFor();
    await p.send({ type: 'host/append', chunks: [chunk('downloading 80%\r'), chunk('done, no newline')] });
    await p.page.locator('.row', { hasText: 'done, no newline' }).waitFor();
    assert.deepEqual(await p.visibleRows(), ['start', 'done, no newline']);
    await p.send({
      type: 'host/task',
      task: makeTask({ state: 'completed', exitCode: 0, endedAt: Date.now() }),
    });
    await p.send({ type: 'host/append', chunks: [chunk('late line\n')] });
    await p.page.locator('.row', { hasText: 'late line' }).waitFor();
    assert.deepEqual(await p.visibleRows(), ['start', 'done, no newline', 'late line']);
  });

  it('says when output was dropped by the size cap', async () => {
    const p = await open();
    await p.send({
      type: 'host/init',
      mode: 'raw',
      task: makeTask(),
      chunks: [chunk('tail\n')],
      hasOlder: false,
      truncatedBytes: 3 * 1024 * 1024,
    });
    await p.page.locator('.notice', { hasText: 'The first 3.0 MB of output were dropped' }).waitFor();
    await p.send({ type: 'host/truncated', truncatedBytes: 5 * 1024 * 1024 });
    await p.page.locator('.notice', { hasText: 'The first 5.0 MB' }).waitFor();
    assert.equal(await p.page.locator('.notice').count(), 1);
  });

  it('styles stderr and system lines apart from stdout', async () => {
    const p = await open();
    await init(p, [chunk('out line\n'), chunk('err line\n', 'stderr'), chunk('Task started\n', 'system')]);
    const style = (text: string) =>
      p.page.locator('.row', { hasText: text }).evaluate((row: HTMLElement) => {
        const s = getComputedStyle(row);
        return {
          cls: row.className,
          title: row.title,
          border: s.borderLeftColor,
          bg: s.backgroundColor,
          italic: s.fontStyle,
        };
      });
    const [out, err, sys] = [await style('out line'), await style('err line'), await style('Task started')];
    assert.match(err.cls, /\bstderr\b/);
    assert.match(err.title, /stderr/);
    assert.notEqual(err.border, out.border);
    assert.notEqual(err.bg, out.bg);
    assert.match(sys.cls, /\bsystem\b/);
    assert.equal(sys.italic, 'italic');
  });

  it('shows ANSI colours through the theme variables', async () => {
    const p = await open();
    await init(p, [chunk('\x1b[31mred\x1b[0m \x1b[1;38;2;255;128;0morange bold\x1b[0m\n')]);
    const red = p.page.locator('.row span', { hasText: 'red' }).first();
    await red.waitFor();
    assert.equal(await red.evaluate((s) => getComputedStyle(s).color), 'rgb(205, 49, 49)');
    const orange = p.page.locator('.row span', { hasText: 'orange bold' });
    assert.equal(await orange.evaluate((s) => getComputedStyle(s).color), 'rgb(255, 128, 0)');
    assert.equal(await orange.evaluate((s) => getComputedStyle(s).fontWeight), '700');
  });

  it('renders XSS payloads as visible text and runs none of them', async () => {
    const title = '</script><script>window.__pwned = "title"</script>';
    const p = await open({ task: { title } });
    const payloads = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      "\x1b]8;;javascript:window.__pwned='osc8'\x1b\\click me\x1b]8;;\x1b\\",
      '<a href="javascript:window.__pwned=1">link</a><iframe src="javascript:1"></iframe>',
    ];
    await init(p, [chunk(`${payloads.join('\n')}\n`), chunk(`${payloads[1]}\n`, 'stderr')], {
      task: { title },
    });
    await p.page.locator('.row', { hasText: 'click me' }).waitFor();
    await p.page.waitForTimeout(300);
    const found = await p.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('.log img, .log a, .log script, .log iframe, img, a, iframe')
        .length,
      tags: [...new Set([...document.querySelectorAll('.log *')].map((e) => e.tagName))],
      text: document.querySelector('.log')?.textContent ?? '',
      title: document.querySelector('.title')?.textContent,
    }));
    assert.equal(found.pwned, undefined);
    assert.equal(found.scripts, 2, 'only the page’s own two scripts');
    assert.equal(found.injected, 0);
    assert.deepEqual(found.tags.sort(), ['DIV', 'SPAN']);
    assert.ok(found.text.includes('<script>window.__pwned = "script"</script>'));
    assert.ok(found.text.includes('<img src=x onerror='));
    assert.ok(found.text.includes('click me'));
    assert.ok(!found.text.includes("__pwned='osc8'"), 'the OSC 8 target is dropped, not shown or linked');
    assert.equal(found.title, title);
    assert.ok(!p.requests.some((r) => r.endsWith('/x')), 'no image was requested');
    assert.deepEqual(await p.cspViolations(), []);
  });

  it('finds with Ctrl+F: match count, next and previous, highlights', async () => {
    const p = await open();
    await init(p, [chunk('an Error here\nfine\nerror again, ERROR twice\n')]);
    await p.page.locator('.row', { hasText: 'fine' }).waitFor();
    await p.page.locator('.log').click();
    await p.page.keyboard.press('Control+f');
    const field = p.page.locator('.find-field');
    await field.waitFor();
    await p.page.keyboard.type('error');
    const count = p.page.locator('.find-count');
    await count.filter({ hasText: '1 of 3' }).waitFor();
    assert.equal(await p.page.locator('.match').count(), 3);
    await p.page.keyboard.press('Enter');
    await count.filter({ hasText: '2 of 3' }).waitFor();
    await p.page.keyboard.press('Shift+Enter');
    await p.page.keyboard.press('Shift+Enter');
    await count.filter({ hasText: '3 of 3' }).waitFor();
    assert.equal(await p.page.locator('.match.current').textContent(), 'ERROR');
    await p.send({ type: 'host/append', chunks: [chunk('one more error\n')] });
    await count.filter({ hasText: '3 of 4' }).waitFor();
    await p.page.keyboard.press('Escape');
    await p.page.locator('.find').waitFor({ state: 'hidden' });
    assert.equal(await p.page.locator('.match').count(), 0);
  });
});
