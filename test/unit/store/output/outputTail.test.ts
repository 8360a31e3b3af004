import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import { type OutputBatch, type OutputTail, openOutputTail } from '../../../../src/store/output/outputTail';
import { writeExitRecord } from '../../../../src/store/output/taskRecords';

const text = (batches: OutputBatch[]) => batches.flatMap((b) => b.chunks.map((c) => String(c.data))).join('');

function exitRecord(taskId: string, bytes: number) {
  return {
    taskId,
    exitCode: 0,
    signal: null,
    startedAt: null,
    endedAt: Date.now(),
    reason: null,
    outputBytes: bytes,
    outputLines: 0,
    truncatedBytes: 0,
  };
}

describe('store/output/outputTail', () => {
  let dir: string;
  let tail: OutputTail | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-tail-'));
  });
  afterEach(() => {
    tail?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the last lines, then follows what is appended until the exit record, each byte once', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't' });
    log.append('stdout', 'one\ntwo\nthree\n');
    log.flush();
    const followed: OutputBatch[] = [];
    let ended = 0;
    let onEnd = () => {};
    const end = new Promise<void>((resolve) => {
      onEnd = resolve;
    });
    tail = await openOutputTail(dir, 't', {
      start: { lines: 2 },
      pollMs: 0,
      onOutput: (b) => followed.push(b),
      onEnd: () => {
        ended++;
        onEnd();
      },
    });
    assert.deepEqual(tail.opening, { start: 4, truncatedBytes: 0, hasOlder: true });
    const opening: OutputBatch[] = [];
    await tail.readOpening((b) => opening.push(b));
    assert.equal(text(opening), 'two\nthree\n');
    log.append('stderr', 'four\n');
    log.flush();
    tail.follow();
    log.append('stdout', 'five\n');
    log.close();
    writeExitRecord(dir, exitRecord('t', 24));
    tail.poke();
    await end;
    assert.equal(text(followed), 'four\nfive\n');
    assert.equal(ended, 1);
  });

  it('opens on the last bytes in bounded batches, and says where it starts before reading', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'b' });
    log.append('stdout', 'x'.repeat(1000));
    log.close();
    tail = await openOutputTail(dir, 'b', { start: { lastBytes: 300 }, onOutput: () => {} });
    assert.deepEqual(tail.opening, { start: 700, truncatedBytes: 0, hasOlder: true });
    const opening: OutputBatch[] = [];
    await tail.readOpening((b) => opening.push(b), 100);
    assert.ok(opening.length >= 3, `${opening.length} batches`);
    assert.ok(opening.every((b) => b.end - b.start <= 100));
    assert.equal(opening[0]!.start, 700);
    assert.equal(text(opening), 'x'.repeat(300));
  });

  it('finish() delivers what is left of a run without an exit record, then ends once', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'f' });
    log.append('stdout', 'before\n');
    log.flush();
    const followed: OutputBatch[] = [];
    let ended = 0;
    tail = await openOutputTail(dir, 'f', {
      start: { from: 0 },
      pollMs: 0,
      onOutput: (b) => followed.push(b),
      onEnd: () => ended++,
    });
    const opening: OutputBatch[] = [];
    await tail.readOpening((b) => opening.push(b));
    assert.equal(text(opening), 'before\n');
    log.append('stdout', 'after\n');
    log.close();
    await tail.finish();
    await tail.finish();
    assert.equal(text(followed), 'after\n');
    assert.equal(ended, 1);
  });

  it('reports the bytes a cap dropped before they were read when reading from the start', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'c', maxBytes: 64 * 1024 });
    for (let i = 0; i < 400; i++) log.append('stdout', `${String(i).padStart(5, '0')} ${'y'.repeat(250)}\n`);
    log.close();
    tail = await openOutputTail(dir, 'c', { start: { from: 0 }, onOutput: () => {} });
    const opening: OutputBatch[] = [];
    await tail.readOpening((b) => opening.push(b));
    assert.ok(opening[0]!.skippedBytes > 0, 'the first batch says how much was dropped');
    assert.equal(opening[0]!.start, opening[0]!.skippedBytes);
    assert.ok(text(opening).endsWith(`00399 ${'y'.repeat(250)}\n`));
  });
});
