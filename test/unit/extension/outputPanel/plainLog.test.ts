import assert from 'node:assert/strict';
import { formatSize, PlainLog } from '../../../../src/extension/outputPanel/plainLog';

/** Appends `texts` in order, each at the logical offset after the one before. */
function feed(log: PlainLog, texts: string[], from = 0): number {
  let offset = from;
  for (const text of texts) {
    log.append({ offset, text });
    offset += Buffer.byteLength(text);
  }
  return offset;
}

const open = (maxChars = 1000, start = 0, truncatedBytes = 0) =>
  new PlainLog({ maxChars, start, truncatedBytes });

describe('extension/outputPanel/plainLog', () => {
  it('joins pieces into lines, stripping sequences split between them', () => {
    const log = open();
    feed(log, ['\x1b[3', '6mhello\x1b[0', 'm wor', 'ld\nsecond', ' line']);
    assert.equal(log.text(), 'hello world\nsecond line');
  });

  it('shows the redraw of an unfinished line, then the line as it ended', () => {
    const log = open();
    feed(log, ['start\n', '10%\r', '50%\r']);
    assert.equal(log.text(), 'start\n50%');
    feed(log, ['100%\n'], 100);
    assert.equal(log.text(), 'start\n100%\n');
  });

  it('keeps a progress line that never ends short', () => {
    const log = open(10 * 1024 * 1024);
    for (let i = 0; i < 20_000; i++) log.append({ offset: i * 20, text: `\rprogress ${i}`.padEnd(20) });
    assert.equal(log.text(), 'progress 19999'.padEnd(19));
    // @ts-expect-error: a look inside, to see that it stays small
    assert.ok(log.pending.length < 200_000, `pending ${log.pending.length}`);
  });

  it('says how much the cap dropped before reading began, leaving out the line it cut', () => {
    const log = open(1000, 3 * 1024 * 1024 - 5, 3 * 1024 * 1024 - 5);
    feed(log, ['cut\n', 'kept\n'], 3 * 1024 * 1024 - 5);
    assert.equal(
      log.text(),
      '[The first 3.0 MB of output were dropped (setting dispatch.maxOutputMB).]\nkept\n',
    );
  });

  it('drops the oldest lines past maxChars and says it did', () => {
    const log = open(50);
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} .......\n`); // 15 characters each
    feed(log, lines);
    const text = log.text();
    const [notice, ...rest] = text.split('\n');
    assert.equal(
      notice,
      `[The first ${7 * 15} B of output are not shown: Open as Text keeps the last 50 B.]`,
    );
    assert.deepEqual(rest, ['line 7 .......', 'line 8 .......', 'line 9 .......', '']);
  });

  it('opens on the bound when the log is longer than it, leaving out the line it cut', () => {
    const log = open(1024, 4096, 0);
    feed(log, ['cut ', 'line\nta', 'il\n'], 4096);
    assert.equal(
      log.text(),
      '[The first 4.0 KB of output are not shown: Open as Text keeps the last 1.0 KB.]\ntail\n',
    );
    // @ts-expect-error: a look inside, to see where the text begins
    assert.equal(log.shownFrom, 4096 + 'cut line\n'.length);
  });

  it('gives up looking for a line start in a very long first line', () => {
    const log = open(1024 * 1024, 100, 0);
    feed(log, ['x'.repeat(70 * 1024), 'y\n'], 100);
    assert.match(log.text(), /\]\nx+y\n$/);
  });

  it('starts over after a hole the cap left, never joining across it', () => {
    const log = open();
    feed(log, ['old line\nhalf']);
    log.restart(2040);
    feed(log, ['cut\r', 'off\nnew line\n'], 2040);
    assert.equal(
      log.text(),
      '[The first 2.0 KB of output were dropped (setting dispatch.maxOutputMB).]\nnew line\n',
    );
  });

  it('keeps the end of one line longer than the whole bound', () => {
    const log = open(10);
    feed(log, ['abcdefghij', 'klmnop']);
    assert.equal(log.text().split('\n')[1], 'ghijklmnop');
    assert.match(log.text(), /^\[The first 6 B/);
  });

  it('formats sizes in powers of 1024', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(1536), '1.5 KB');
    assert.equal(formatSize(50 * 1024 * 1024), '50.0 MB');
    assert.equal(formatSize(3 * 1024 ** 3), '3.0 GB');
  });
});
