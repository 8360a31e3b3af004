// host/find in the output panel's webview (a result of the editor's Search Tasks): the find bar
// opens with the query and the first match of the whole output is shown, older pages included.
import assert from 'node:assert/strict';
import type { OutputChunk } from '../../../src/protocol/outputPanel';
import { init, numbered, usePanelHarness } from '../../support/panelTest';

describe('output panel webview: host/find', function () {
  this.timeout(60_000);
  const { open } = usePanelHarness();

  /** Lines `from`..`to` as one chunk at logical `offset`, with `marks` put on some of them. */
  const page = (
    from: number,
    to: number,
    offset: number,
    marks: Record<number, string> = {},
  ): OutputChunk => ({
    stream: 'stdout',
    at: Date.now(),
    offset,
    text: numbered(from, to)
      .split('\n')
      .map((line, i) => (marks[from + i] ? `${line} ${marks[from + i]}` : line))
      .join('\n'),
  });

  it('asks for older pages until the head is shown, then goes to the first match', async () => {
    const p = await open();
    const tail = page(1000, 1300, 200_000, { 1200: 'needle in the tail' });
    await init(p, [tail], { hasOlder: true });
    await p.page.locator('.row', { hasText: 'line 1299' }).waitFor();

    await p.send({ type: 'host/find', query: 'Needle' });
    const field = p.page.locator('.find-field');
    await field.waitFor();
    assert.equal(await field.evaluate((f) => (f as HTMLInputElement).value), 'Needle');
    assert.equal((await p.waitForPosted('webview/requestOlder')).beforeOffset, 200_000);
    await p.send({
      type: 'host/older',
      chunks: [page(700, 1000, 100_000, { 710: 'needle in the middle' })],
      hasOlder: true,
    });
    await p.page.waitForFunction(
      () =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter(
          (m) => m.type === 'webview/requestOlder',
        ).length === 2,
    );
    const second = (await p.posted()).filter((m) => m.type === 'webview/requestOlder').at(-1);
    assert.deepEqual(second, { type: 'webview/requestOlder', beforeOffset: 100_000 });
    await p.send({
      type: 'host/older',
      chunks: [page(0, 700, 0, { 5: 'needle at the start' })],
      hasOlder: false,
    });

    await p.page.locator('.find-count', { hasText: '1 of 3' }).waitFor();
    await p.page.locator('.match.current').waitFor();
    const current = await p.page.locator('.row', { has: p.page.locator('.match.current') }).textContent();
    assert.equal(current, 'line 5 needle at the start');
    assert.ok((await p.visibleRows()).includes('line 5 needle at the start'), 'the match is in view');
  });

  it('with the whole output already shown, goes to its first match at once', async () => {
    const p = await open();
    await init(p, [page(0, 3000, 0, { 40: 'needle one', 2900: 'needle two' })]);
    await p.page.locator('.row', { hasText: 'line 2999' }).waitFor();
    await p.send({ type: 'host/find', query: 'needle' });
    await p.page.locator('.find-count', { hasText: '1 of 2' }).waitFor();
    await p.page.locator('.row', { hasText: 'line 40 needle one' }).waitFor();
    assert.equal((await p.posted()).filter((m) => m.type === 'webview/requestOlder').length, 0);
  });
});
