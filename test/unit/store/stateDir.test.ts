import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDispatchError } from '../../../src/core/errors';
import { defaultStateDir, ensureStateDir, statePaths } from '../../../src/store/stateDir';
import { cleanTempDirs, tempDir } from './harness';

describe('store/stateDir', () => {
  afterEach(cleanTempDirs);

  it('defaults to <workspace>/.vscode/dispatch', () => {
    assert.equal(defaultStateDir('/ws'), path.join('/ws', '.vscode', 'dispatch'));
  });

  it('names every file inside the directory', () => {
    const p = statePaths('/s');
    assert.equal(p.db, path.join('/s', 'state.db'));
    assert.equal(p.lock, path.join('/s', 'state.lock'));
    assert.equal(p.outputDir, path.join('/s', 'output'));
    assert.equal(p.logPath('abc'), path.join('/s', 'output', 'abc.log'));
    assert.equal(p.exitPath('abc'), path.join('/s', 'output', 'abc.exit'));
    assert.equal(p.promptPath('abc'), path.join('/s', 'output', 'abc.prompt'));
  });

  it('creates the directory on first use with a .gitignore of "*" so state is never committed', () => {
    const dir = path.join(tempDir(), 'nested', 'dispatch');
    const p = ensureStateDir(dir);
    assert.ok(existsSync(p.outputDir));
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), '*\n');
  });

  it('is idempotent and leaves a .gitignore the user edited alone', () => {
    const dir = tempDir();
    ensureStateDir(dir);
    writeFileSync(path.join(dir, '.gitignore'), '*\n!keep\n');
    ensureStateDir(dir);
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), '*\n!keep\n');
  });

  it('reports a directory it cannot create as an io error naming the path', () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    assert.throws(
      () => ensureStateDir(path.join(file, 'dispatch')),
      (err) => isDispatchError(err, 'io') && err.message.includes(path.join(file, 'dispatch')),
    );
  });
});
