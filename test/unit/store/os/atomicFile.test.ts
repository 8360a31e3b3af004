import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import { renameWithRetry, replaceFileAtomically, writeDurable } from '../../../../src/store/os/atomicFile';
import { cleanTempDirs, tempDir } from '../harness';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('store/os/atomicFile', () => {
  afterEach(cleanTempDirs);

  it('writes a file durably', () => {
    const file = path.join(tempDir(), 'f');
    writeDurable(file, Buffer.from('hello'));
    assert.equal(readFileSync(file, 'utf8'), 'hello');
  });

  it('replaces a file and leaves no temp file behind', () => {
    const dir = tempDir();
    const target = path.join(dir, 'state.db');
    writeFileSync(target, 'old');
    replaceFileAtomically(target, `${target}.tmp`, Buffer.from('new'));
    assert.equal(readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir), ['state.db']);
  });

  it('passes on what the pre-rename check throws and keeps the old file', () => {
    const dir = tempDir();
    const target = path.join(dir, 'state.db');
    writeFileSync(target, 'old');
    const refusal = new Error('someone slipped in');
    assert.throws(
      () =>
        replaceFileAtomically(target, `${target}.tmp`, Buffer.from('new'), () => {
          throw refusal;
        }),
      (err) => err === refusal,
    );
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir), ['state.db']);
  });

  it('reports a full disk as an io error naming the file, and keeps the old file', function () {
    if (!existsSync('/dev/full')) this.skip();
    const dir = tempDir();
    const target = path.join(dir, 'state.db');
    writeFileSync(target, 'old');
    // Writing through this link hits /dev/full, which fails every write with ENOSPC.
    symlinkSync('/dev/full', `${target}.tmp`);
    assert.throws(
      () => replaceFileAtomically(target, `${target}.tmp`, Buffer.from('new')),
      (err) =>
        isDispatchError(err, 'io') &&
        err.message.includes('ENOSPC') &&
        err.message.includes(`${target}.tmp`) &&
        err.message.includes('disk is full'),
    );
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.ok(!existsSync(`${target}.tmp`), 'the temp link is cleaned up');
  });

  it('reports an unwritable temp path as an io error and keeps the old file', () => {
    const dir = tempDir();
    const target = path.join(dir, 'state.db');
    writeFileSync(target, 'old');
    mkdirSync(`${target}.tmp`);
    assert.throws(
      () => replaceFileAtomically(target, `${target}.tmp`, Buffer.from('new')),
      (err) => isDispatchError(err, 'io') && err.message.includes(`${target}.tmp`),
    );
    assert.equal(readFileSync(target, 'utf8'), 'old');
  });

  it('retries a rename refused for a moment (Windows EPERM/EBUSY)', () => {
    const failures = ['EPERM', 'EBUSY', 'EACCES'];
    const sleeps: number[] = [];
    let calls = 0;
    renameWithRetry('a', 'b', {
      attempts: 5,
      sleep: (ms) => sleeps.push(ms),
      rename: () => {
        calls++;
        const code = failures.shift();
        if (code) throw errno(code);
      },
    });
    assert.equal(calls, 4);
    assert.equal(sleeps.length, 3);
  });

  it('gives up after the attempts, and never retries other errors', () => {
    let calls = 0;
    const always = (code: string) => () => {
      calls++;
      throw errno(code);
    };
    assert.throws(
      () => renameWithRetry('a', 'b', { attempts: 3, sleep: () => {}, rename: always('EBUSY') }),
      /EBUSY/,
    );
    assert.equal(calls, 3);
    calls = 0;
    assert.throws(
      () => renameWithRetry('a', 'b', { attempts: 3, sleep: () => {}, rename: always('ENOENT') }),
      /ENOENT/,
    );
    assert.equal(calls, 1);
  });
});
