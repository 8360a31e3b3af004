import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LiveText } from '../../../../src/extension/outputPanel/liveText';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import { writeExitRecord } from '../../../../src/store/output/taskRecords';

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const exit = (taskId: string) => ({
  taskId,
  exitCode: 0,
  signal: null,
  startedAt: null,
  endedAt: Date.now(),
  reason: null,
  outputBytes: 0,
  outputLines: 0,
  truncatedBytes: 0,
});

describe('extension/outputPanel/liveText', () => {
  let dir: string;
  let text: LiveText | undefined;
  let changes: number[];
  const open = (taskId: string, extra: { maxChars?: number; refreshMs?: number } = {}) =>
    LiveText.open({
      outputDir: dir,
      taskId,
      maxChars: extra.maxChars ?? 1024 * 1024,
      refreshMs: extra.refreshMs ?? 0,
      pollMs: 10,
      onDidChange: () => changes.push(Date.now()),
      onError: (err) => {
        throw err;
      },
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-livetext-'));
    changes = [];
  });
  afterEach(() => {
    text?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the text without escapes, stdout and stderr in the order printed', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'c', mergeWindowMs: 0 });
    log.append('stdout', '\x1b[32mout 1\x1b[0m\n');
    log.append('stderr', '\x1b[31merr 1\x1b[0m\n');
    log.append('stdout', 'get 10%\rget 100%\n');
    log.close();
    text = await open('c');
    assert.equal(text.text(), 'out 1\nerr 1\nget 100%\n');
  });

  it('covers both segments of a rotated log and says the cap dropped the rest', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'r', maxBytes: 200, mergeWindowMs: 0 });
    for (let i = 0; i < 40; i++) log.append('stdout', `${String(i).padStart(9, '0')}\n`);
    log.close();
    text = await open('r');
    const [notice, ...lines] = text.text().split('\n');
    assert.match(notice!, /^\[The first \d+ B of output were dropped/);
    assert.ok(lines.length - 1 > 10, `kept ${lines.length - 1} lines: more than one 100-byte segment`);
    assert.equal(lines.at(-2), '000000039');
  });

  it('follows a task that is still writing, announcing changes at most once per refreshMs', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'f', mergeWindowMs: 0 });
    log.append('stdout', 'first\n');
    log.flush();
    text = await open('f', { refreshMs: 200 });
    assert.equal(text.text(), 'first\n');
    for (let i = 0; i < 20; i++) {
      log.append('stdout', `line ${i}\n`);
      log.flush();
      await new Promise((r) => setTimeout(r, 20));
    }
    await until('the last line', () => text!.text().endsWith('line 19\n'));
    await until('the last change', () => changes.length > 0 && Date.now() - changes.at(-1)! > 250);
    // 20 writes over at least 400 ms: announced while it wrote, and never twice within refreshMs.
    assert.ok(changes.length >= 2, `${changes.length} changes`);
    for (let i = 1; i < changes.length; i++) assert.ok(changes[i]! - changes[i - 1]! >= 190);
    assert.ok(text.text().endsWith('line 19\n'));
    log.close();
  });

  it('shows an unfinished last line once the run has ended', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'e', mergeWindowMs: 0 });
    log.append('stdout', 'done\nno newline \x1b[1m€');
    log.close();
    text = await open('e');
    writeExitRecord(dir, exit('e'));
    await until('the end', () => changes.length > 0);
    assert.equal(text.text(), 'done\nno newline €');
  });

  it('opens on the last maxChars bytes of a long log, from the first whole line', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'l', mergeWindowMs: 0 });
    for (let i = 0; i < 100; i++) log.append('stdout', `${String(i).padStart(9, '0')}\n`);
    log.close();
    text = await open('l', { maxChars: 105 });
    const lines = text.text().split('\n');
    assert.match(lines[0]!, /^\[The first 900 B of output are not shown/);
    assert.equal(lines[1], '000000090', 'the line the bound cut into is left out');
    assert.deepEqual(lines.slice(-3), ['000000098', '000000099', '']);
  });

  it('announces a large text more rarely: 100 ms more per MB held', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'big', mergeWindowMs: 0 });
    const line = `${'x'.repeat(1023)}\n`;
    log.append('stdout', line.repeat(3 * 1024));
    log.close();
    text = await open('big', { maxChars: 8 * 1024 * 1024, refreshMs: 100 });
    assert.equal(text.text().length, 3 * 1024 * 1024);
    assert.equal(text.interval, 300);
    const small = await open('c', { refreshMs: 100 });
    assert.equal(small.interval, 100, 'never below refreshMs');
    small.dispose();
  });
});
