import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import { type ReaderIo, readFrom, readTail } from '../../../../src/store/output/outputReader';
import { nodeReaderIo } from '../../../../src/store/output/outputSnapshot';

/** Counts the bytes the reader actually reads from disk. */
function countingIo(): ReaderIo & { bytesRead: number } {
  const io = {
    bytesRead: 0,
    async open(file: string) {
      const handle = await nodeReaderIo.open(file);
      if (!handle) return undefined;
      return {
        ...handle,
        read: async (into: Buffer, offset: number, length: number, position: number) => {
          const n = await handle.read(into, offset, length, position);
          io.bytesRead += n;
          return n;
        },
      };
    },
  };
  return io;
}

const text = (chunks: { data: Buffer }[]) => Buffer.concat(chunks.map((c) => c.data)).toString();

describe('store/output/outputReader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-outread-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(taskId: string, parts: ['stdout' | 'stderr' | 'system', string][], maxBytes?: number) {
    const log = openOutputLog({ outputDir: dir, taskId, maxBytes, mergeWindowMs: 0 });
    for (const [stream, data] of parts) {
      log.append(stream, data);
      log.flush();
    }
    log.close();
  }

  it('returns nothing for a task without output', async () => {
    assert.deepEqual(await readTail(dir, 'none', { lines: 10 }), {
      chunks: [],
      start: 0,
      end: 0,
      truncatedBytes: 0,
    });
    const from = await readFrom(dir, 'none', 0);
    assert.equal(from.chunks.length, 0);
  });

  it('tails the last N lines, split by stream, with and without a final newline', async () => {
    write('a', [
      ['stdout', 'one\ntwo\n'],
      ['stderr', 'three\nfo'],
      ['stdout', 'ur\n'],
    ]);
    const tail = await readTail(dir, 'a', { lines: 2 });
    assert.equal(text(tail.chunks), 'three\nfour\n');
    assert.deepEqual(
      tail.chunks.map((c) => [c.stream, c.offset, c.data.toString()]),
      [
        ['stderr', 8, 'three\nfo'],
        ['stdout', 16, 'ur\n'],
      ],
    );
    assert.equal(tail.end, 19);
    write('b', [['stdout', 'x\ny\nz']]);
    assert.equal(text((await readTail(dir, 'b', { lines: 2 })).chunks), 'y\nz');
    assert.equal(text((await readTail(dir, 'b', { lines: 50 })).chunks), 'x\ny\nz');
    assert.equal((await readTail(dir, 'b', { lines: 0 })).chunks.length, 0);
  });

  it('pages backwards with `before`, each page starting at a line start', async () => {
    write('f', [['stdout', 'l1\nl2\nl3\nl4\nl5\n']]);
    const last = await readTail(dir, 'f', { lines: 2 });
    assert.equal(text(last.chunks), 'l4\nl5\n');
    const older = await readTail(dir, 'f', { lines: 2, before: last.start });
    assert.equal(text(older.chunks), 'l2\nl3\n');
    const oldest = await readTail(dir, 'f', { lines: 2, before: older.start });
    assert.equal(text(oldest.chunks), 'l1\n');
    assert.equal(oldest.start, oldest.truncatedBytes, 'nothing older is left');
  });

  it('bounds a tail by maxBytes even inside one long line', async () => {
    write('c', [['stdout', 'z'.repeat(100_000)]]);
    const tail = await readTail(dir, 'c', { lines: 1, maxBytes: 1000 });
    assert.equal(text(tail.chunks).length, 1000);
    assert.equal(tail.start, 99_000);
  });

  it('tails a 50 MB log reading only what it returns plus one block', async function () {
    this.timeout(20_000);
    const log = openOutputLog({ outputDir: dir, taskId: 'big' });
    const line = (i: number) => `line ${String(i).padStart(8, '0')} ${'-'.repeat(64)}\n`; // 80 bytes
    const perChunk = 800;
    const chunks = Math.ceil((50 * 1024 * 1024) / (perChunk * 80));
    for (let c = 0; c < chunks; c++) {
      let chunk = '';
      for (let i = 0; i < perChunk; i++) chunk += line(c * perChunk + i);
      log.append(c % 2 ? 'stderr' : 'stdout', chunk);
    }
    log.close();
    const io = countingIo();
    const tail = await readTail(dir, 'big', { lines: 100, io });
    const lines = text(tail.chunks).split('\n');
    assert.equal(lines.length, 101);
    assert.ok(lines[99]!.startsWith(`line ${String(chunks * perChunk - 1).padStart(8, '0')} -`), lines[99]);
    assert.ok(io.bytesRead < 40 * 1024, `read ${io.bytesRead} bytes for an 8000-byte tail`);
  });

  it('reads forward in bounded batches that add up to the whole log', async () => {
    const parts: ['stdout' | 'stderr', string][] = [];
    for (let i = 0; i < 40; i++)
      parts.push([i % 3 ? 'stdout' : 'stderr', `chunk ${i} ${'.'.repeat(i * 3)}\n`]);
    write('d', parts);
    let offset = 0;
    let hint: number | undefined;
    const seen: string[] = [];
    for (;;) {
      const batch = await readFrom(dir, 'd', offset, { maxBytes: 100, recordHint: hint });
      if (batch.end === offset) break;
      assert.ok(batch.end - batch.start <= 100);
      seen.push(text(batch.chunks));
      offset = batch.end;
      hint = batch.nextRecord;
    }
    assert.equal(seen.join(''), parts.map((p) => p[1]).join(''));
  });

  it('tails across the two segments of a capped log and reports the truncation', async () => {
    const parts: ['stdout' | 'stderr', string][] = [];
    for (let i = 0; i < 100; i++) parts.push(['stdout', `row ${String(i).padStart(3, '0')}\n`]);
    write('e', parts, 200); // 8-byte rows, segments of 100 bytes
    const tail = await readTail(dir, 'e', { lines: 1000 });
    assert.equal(tail.end, 800);
    assert.ok(tail.truncatedBytes >= 600 && tail.truncatedBytes <= 700, String(tail.truncatedBytes));
    assert.equal(tail.start, tail.truncatedBytes);
    assert.match(text(tail.chunks), /row 099\n$/);
    const from = await readFrom(dir, 'e', 0);
    assert.equal(from.skippedBytes, tail.truncatedBytes);
    assert.equal(text(from.chunks), text(tail.chunks));
  });
});
