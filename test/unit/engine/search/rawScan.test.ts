import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BLOCK_BYTES, rawWordsIn } from '../../../../src/engine/search/rawScan';

describe('engine/search/rawScan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-rawscan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a word split across two blocks, case-insensitively', async () => {
    const filler = Buffer.alloc(BLOCK_BYTES - 3, 'x');
    writeFileSync(path.join(dir, 't1.log'), Buffer.concat([filler, Buffer.from('ZEBRA and more')]));
    assert.deepEqual([...(await rawWordsIn(dir, 't1', ['zebra', 'okapi']))], ['zebra']);
  });

  it('reads a rotated log as one stream: .log.1 then .log, a word across the two', async () => {
    writeFileSync(path.join(dir, 't2.log.1'), 'older okapi then gir');
    writeFileSync(path.join(dir, 't2.log'), 'affe');
    assert.deepEqual([...(await rawWordsIn(dir, 't2', ['giraffe', 'okapi']))].sort(), ['giraffe', 'okapi']);
  });

  it('stops at the first missing word when all are needed', async () => {
    writeFileSync(path.join(dir, 't3.log'), 'only the okapi');
    // The longest word is tried first: "giraffe" is missing, so "okapi" is never looked for.
    assert.deepEqual([...(await rawWordsIn(dir, 't3', ['okapi', 'giraffe'], { all: true }))], []);
    assert.deepEqual([...(await rawWordsIn(dir, 't3', ['okapi', 'giraffe']))], ['okapi']);
  });

  it('finds nothing in a task without output', async () => {
    assert.deepEqual([...(await rawWordsIn(dir, 'none', ['zebra']))], []);
  });
});
