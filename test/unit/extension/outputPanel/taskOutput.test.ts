import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PAGE_LINES, readPage, TaskOutput } from '../../../../src/extension/outputPanel/taskOutput';
import type { OutputChunk } from '../../../../src/protocol/outputPanel';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import { writeExitRecord } from '../../../../src/store/output/taskRecords';

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const textOf = (chunks: OutputChunk[]) => chunks.map((c) => c.text).join('');

describe('extension/outputPanel/taskOutput', () => {
  let dir: string;
  let output: TaskOutput | undefined;
  let appended: OutputChunk[];
  const open = (taskId: string, extra: { onTruncated?: (bytes: number) => void } = {}) =>
    TaskOutput.open({
      outputDir: dir,
      taskId,
      pollMs: 0,
      onAppend: (chunks) => appended.push(...chunks),
      onTruncated: extra.onTruncated ?? (() => {}),
      onError: (err) => {
        throw err;
      },
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-taskoutput-'));
    appended = [];
  });
  afterEach(() => {
    output?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the last lines, then delivers appends only after follow()', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 't', mergeWindowMs: 0 });
    for (let i = 0; i < PAGE_LINES + 10; i++) log.append('stdout', `line ${i}\n`);
    log.flush();
    output = await open('t');
    const lines = textOf(output.first.chunks).split('\n');
    assert.equal(lines[0], 'line 10');
    assert.equal(lines.length - 1, PAGE_LINES);
    assert.equal(output.first.hasOlder, true);

    log.append('stderr', 'late\n');
    log.flush();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(appended.length, 0, 'nothing before follow()');
    output.follow();
    await until('the append', () => appended.length > 0);
    assert.deepEqual(
      appended.map((c) => [c.stream, c.text]),
      [['stderr', 'late\n']],
    );
  });

  it('keeps a character whole when the tail ends inside it', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'u', mergeWindowMs: 0 });
    const euro = Buffer.from('€');
    log.append('stdout', Buffer.concat([Buffer.from('price: '), euro.subarray(0, 2)]));
    log.flush();
    output = await open('u');
    assert.equal(textOf(output.first.chunks), 'price: ');
    output.follow();
    log.append('stdout', Buffer.concat([euro.subarray(2), Buffer.from('5\n')]));
    log.flush();
    output.poke();
    await until('the rest', () => textOf(appended) === '€5\n');
  });

  it('finish() delivers what is left even without an exit record, then stops', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'f', mergeWindowMs: 0 });
    log.append('stdout', 'one\n');
    log.flush();
    output = await open('f');
    output.follow();
    log.append('stdout', 'two');
    log.flush();
    await output.finish();
    assert.equal(textOf(appended), 'two');
    log.append('stdout', '\nthree\n');
    log.close();
    writeExitRecord(dir, {
      taskId: 'f',
      exitCode: 0,
      signal: null,
      startedAt: null,
      endedAt: Date.now(),
      reason: null,
      outputBytes: 14,
      outputLines: 3,
      truncatedBytes: 0,
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(textOf(appended), 'two', 'nothing after finish()');
  });

  it('reports a growing truncation when the cap drops the head', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'c', maxBytes: 200, mergeWindowMs: 0 });
    log.append('stdout', 'start\n');
    log.flush();
    const truncations: number[] = [];
    output = await open('c', { onTruncated: (bytes) => truncations.push(bytes) });
    output.follow();
    for (let i = 0; i < 50; i++) log.append('stdout', `${String(i).padStart(9, '0')}\n`);
    log.flush();
    output.poke();
    await until('a truncation', () => truncations.length > 0);
    assert.ok(truncations[0]! > 0);
  });

  it('readPage() returns the lines before an offset', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'p', mergeWindowMs: 0 });
    for (let i = 0; i < 3 * PAGE_LINES; i++) log.append(i % 2 ? 'stderr' : 'stdout', `line ${i}\n`);
    log.close();
    output = await open('p');
    const before = output.first.chunks[0]!.offset;
    const page = await readPage(dir, 'p', before);
    const lines = textOf(page.chunks).split('\n');
    assert.equal(lines[0], `line ${PAGE_LINES}`);
    assert.equal(lines.at(-2), `line ${2 * PAGE_LINES - 1}`);
    assert.equal(page.hasOlder, true);
    const first = await readPage(dir, 'p', page.chunks[0]!.offset);
    assert.equal(first.hasOlder, false);
    assert.equal(textOf(first.chunks).split('\n')[0], 'line 0');
  });
});
