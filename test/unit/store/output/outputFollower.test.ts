import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { followOutput, type OutputFollower } from '../../../../src/store/output/outputFollower';
import { openOutputLog } from '../../../../src/store/output/outputLog';
import type { ReadFromResult } from '../../../../src/store/output/outputReader';
import { readTail } from '../../../../src/store/output/outputReader';
import { type ExitRecord, writeExitRecord } from '../../../../src/store/output/taskRecords';

// Compiled to out/test/unit/store/: four levels up is the repository root.
const writerScript = path.resolve(__dirname, '../../../../..', 'test/fixtures/output-writer.js');

function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

function exitRecord(taskId: string, bytes: number): ExitRecord {
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

describe('store/output/outputFollower', () => {
  let dir: string;
  let follower: OutputFollower | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-follow-'));
  });
  afterEach(() => {
    follower?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers chunks as they are flushed (fs.watch) and ends after the exit record', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'w' });
    const got: string[] = [];
    let ended: ExitRecord | undefined;
    follower = followOutput(dir, 'w', {
      pollMs: 0,
      onOutput: (b) => got.push(...b.chunks.map((c) => `${c.stream}:${c.data}`)),
      onEnd: (exit) => {
        ended = exit;
      },
    });
    log.append('stdout', 'first\n');
    log.flush();
    await until('first chunk', () => got.length === 1);
    log.append('stderr', 'second\n');
    log.close();
    writeExitRecord(dir, exitRecord('w', 13));
    await until('end', () => ended !== undefined);
    assert.deepEqual(got, ['stdout:first\n', 'stderr:second\n']);
    assert.equal(ended?.outputBytes, 13);
  });

  it('can be driven by poke() alone, continuing after a tail', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 'p' });
    log.append('stdout', 'old\n');
    log.flush();
    const tail = await readTail(dir, 'p', { lines: 10 });
    const got: string[] = [];
    follower = followOutput(dir, 'p', {
      from: tail.end,
      watch: false,
      pollMs: 0,
      onOutput: (b) => got.push(...b.chunks.map((c) => String(c.data))),
    });
    await new Promise((r) => setTimeout(r, 30)); // let the first check find nothing new
    log.append('stdout', 'new\n');
    log.close();
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(got, [], 'nothing without a poke');
    follower.poke();
    await until('poked read', () => got.length === 1);
    assert.deepEqual(got, ['new\n']);
    assert.equal(follower.position, 8);
  });

  it('reports bytes the cap dropped before a slow follower read them, then carries on', async () => {
    const log = openOutputLog({ outputDir: dir, taskId: 's', maxBytes: 100, mergeWindowMs: 0 });
    const batches: ReadFromResult[] = [];
    follower = followOutput(dir, 's', { watch: false, pollMs: 0, onOutput: (b) => batches.push(b) });
    for (let i = 0; i < 30; i++) log.append('stdout', `${String(i).padStart(9, '0')}\n`);
    log.close();
    follower.poke();
    await until('batch', () => batches.length > 0);
    assert.equal(batches[0]!.skippedBytes, 200);
    assert.equal(
      Buffer.concat(batches.flatMap((b) => b.chunks.map((c) => c.data)))
        .toString()
        .split('\n')[0],
      '000000020',
    );
  });

  it('follows a concurrent writer across many rotations without a wrong byte', async function () {
    this.timeout(15_000);
    const total = 3 * 1024 * 1024;
    const writer = spawn(process.execPath, [writerScript, dir, 'r', String(64 * 1024), String(total)], {
      stdio: 'inherit',
    });
    let delivered = 0;
    let skipped = 0;
    let bad = 0;
    let ended = false;
    follower = followOutput(dir, 'r', {
      pollMs: 1,
      maxBatchBytes: 16 * 1024,
      onOutput: (b) => {
        skipped += b.skippedBytes;
        for (const c of b.chunks) {
          for (let i = 0; i < c.data.length; i++) if (c.data[i] !== 32 + ((c.offset + i) % 90)) bad++;
          delivered += c.data.length;
        }
      },
      onEnd: () => {
        ended = true;
      },
      onError: (err) => {
        throw err;
      },
    });
    const tails: Promise<unknown>[] = [];
    const tailer = setInterval(() => {
      const tail = readTail(dir, 'r', { lines: 5 }).then((t) => {
        for (const c of t.chunks)
          for (let i = 0; i < c.data.length; i++) if (c.data[i] !== 32 + ((c.offset + i) % 90)) bad++;
      });
      tails.push(tail.catch((err) => err));
    }, 3);
    try {
      await until('the follower to reach the end', () => ended, 12_000);
    } finally {
      clearInterval(tailer);
      writer.kill();
    }
    const tailErrors = (await Promise.all(tails)).filter(Boolean);
    assert.deepEqual(tailErrors, []);
    assert.ok(tails.length > 10, `only ${tails.length} tails raced the writer`);
    assert.equal(bad, 0, 'every byte read matched its logical offset');
    assert.equal(delivered + skipped, total);
    assert.equal(follower.position, total);
  });
});
