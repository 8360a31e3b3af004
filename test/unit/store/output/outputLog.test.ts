import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import {
  decodeHeader,
  decodeRecord,
  outputFiles,
  RECORD_SIZE,
} from '../../../../src/store/output/outputFormat';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import { readFrom } from '../../../../src/store/output/outputReader';

function records(indexFile: string) {
  const bytes = readFileSync(indexFile);
  const out = [];
  for (let at = RECORD_SIZE; at + RECORD_SIZE <= bytes.length; at += RECORD_SIZE)
    out.push(decodeRecord(bytes, at));
  return out;
}

/** Bytes whose value depends on their logical offset, so any misplaced byte shows. */
function pattern(from: number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => 32 + ((from + i) % 90)));
}

describe('store/output/outputLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-outlog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps raw bytes in the log and one record per chunk in the index', () => {
    let clock = 1000;
    const log = openOutputLog({ outputDir: dir, taskId: 't1', now: () => clock });
    log.append('stdout', 'hello \x1b[31mred\x1b[0m\n');
    clock += 10;
    log.append('stderr', Buffer.from('oops\n'));
    clock += 10;
    log.append('system', 'dispatch: note\n');
    log.close();
    const files = outputFiles(dir, 't1');
    assert.equal(readFileSync(files.log, 'utf8'), 'hello \x1b[31mred\x1b[0m\noops\ndispatch: note\n');
    assert.equal(decodeHeader(readFileSync(files.index)), 0);
    assert.deepEqual(records(files.index), [
      { offset: 0, length: 19, kind: 'stdout', at: 1000 },
      { offset: 19, length: 5, kind: 'stderr', at: 1010 },
      { offset: 24, length: 15, kind: 'system', at: 1020 },
    ]);
    assert.deepEqual(log.stats(), { bytes: 39, lines: 3, truncatedBytes: 0 });
  });

  it('merges same-stream chunks within the merge window into one record', () => {
    let clock = 0;
    const log = openOutputLog({ outputDir: dir, taskId: 't2', now: () => clock, mergeWindowMs: 50 });
    for (let i = 0; i < 10; i++) {
      log.append('stdout', `line ${i}\n`);
      clock += 5;
    }
    clock += 100;
    log.append('stdout', 'later');
    log.close();
    const recs = records(outputFiles(dir, 't2').index);
    assert.equal(recs.length, 2);
    assert.equal(recs[1]!.at, 150);
    assert.equal(log.stats().lines, 11, 'a final line without a newline counts');
  });

  it('writes nothing until flush, unless the pending bytes pass the threshold', () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't3', flushThresholdBytes: 100 });
    const file = outputFiles(dir, 't3').log;
    log.append('stdout', 'x'.repeat(50));
    assert.equal(statSync(file).size, 0);
    log.append('stdout', 'y'.repeat(60));
    assert.equal(statSync(file).size, 110);
    log.append('stdout', 'z');
    log.flush();
    assert.equal(statSync(file).size, 111);
    log.close();
  });

  it('keeps the tail under the cap in two segments and records what was dropped', () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't4', maxBytes: 1000 });
    let written = 0;
    for (const size of [120, 7, 333, 1, 480, 250, 999, 64, 1500, 17]) {
      log.append(size % 2 ? 'stderr' : 'stdout', pattern(written, size));
      written += size;
      log.flush();
    }
    log.close();
    const files = outputFiles(dir, 't4');
    const kept = statSync(files.log).size + statSync(files.previousLog).size;
    assert.ok(kept >= 500 && kept <= 1000, `kept ${kept}`);
    const { truncatedBytes, bytes } = log.stats();
    assert.equal(bytes, written);
    assert.equal(truncatedBytes, written - kept);
    const tail = Buffer.concat([readFileSync(files.previousLog), readFileSync(files.log)]);
    assert.deepEqual(tail, pattern(written - kept, kept), 'the kept bytes are exactly the tail');
  });

  it('skips writing segments that one big write would rotate away at once', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't5', maxBytes: 100 });
    log.append('stdout', pattern(0, 30));
    log.flush();
    log.append('stdout', pattern(30, 1000));
    log.close();
    const files = outputFiles(dir, 't5');
    assert.equal(statSync(files.log).size + statSync(files.previousLog).size, 80);
    const read = await readFrom(dir, 't5', 0);
    assert.equal(read.skippedBytes, 950);
    assert.deepEqual(Buffer.concat(read.chunks.map((c) => c.data)), pattern(950, 80));
  });

  it('continues an existing log where its index ends', async () => {
    const first = openOutputLog({ outputDir: dir, taskId: 't6' });
    first.append('stdout', 'one\n');
    first.close();
    const second = openOutputLog({ outputDir: dir, taskId: 't6' });
    second.append('stderr', 'two\n');
    second.close();
    const read = await readFrom(dir, 't6', 0);
    assert.deepEqual(
      read.chunks.map((c) => [c.offset, c.stream, c.data.toString()]),
      [
        [0, 'stdout', 'one\n'],
        [4, 'stderr', 'two\n'],
      ],
    );
  });

  it('refuses appends after close with a DispatchError', () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't7' });
    log.close();
    log.close();
    assert.throws(
      () => log.append('stdout', 'late'),
      (err) => isDispatchError(err, 'io'),
    );
  });

  it('reports a missing output folder as an io error naming the file', () => {
    assert.throws(
      () => openOutputLog({ outputDir: path.join(dir, 'missing'), taskId: 't8' }),
      (err) => isDispatchError(err, 'io') && err.message.includes('t8.log'),
    );
    assert.equal(existsSync(path.join(dir, 'missing')), false);
  });

  it('stores a flood with under 1% overhead on disk', () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't9' });
    const chunk = Buffer.alloc(64 * 1024, 'abcdefghij\n');
    for (let i = 0; i < 160; i++) log.append(i % 7 ? 'stdout' : 'stderr', chunk);
    log.close();
    const files = outputFiles(dir, 't9');
    const onDisk = statSync(files.log).size + statSync(files.index).size;
    assert.ok(onDisk / (160 * chunk.length) < 1.01, `ratio ${onDisk / (160 * chunk.length)}`);
  });
});
