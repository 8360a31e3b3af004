import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureExecutable, terminalVariables } from '../../../../src/extension/terminal/terminalVariables';
import { repoRoot } from '../../../support/cli';

describe('extension/terminal/terminalVariables', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-terminal-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('puts the built launcher folder in front of PATH and names the running executable', () => {
    const vars = terminalVariables({ extensionPath: repoRoot, execPath: process.execPath, delimiter: ':' });
    assert.equal(vars.node, process.execPath);
    assert.ok(vars.pathPrefix.endsWith(':'));
    assert.equal(path.join(vars.pathPrefix.slice(0, -1), 'dispatch'), vars.launcher);
    // The prefix is a working PATH entry: the shell finds the launcher there.
    const run = spawnSync('/bin/sh', ['-c', 'command -v dispatch && dispatch --version'], {
      env: { PATH: `${vars.pathPrefix}/usr/bin:/bin`, DISPATCH_NODE: vars.node },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.split('\n')[0], vars.launcher);
  });

  it('uses the platform separator by default', () => {
    const vars = terminalVariables({ extensionPath: '/ext', execPath: '/node' });
    assert.equal(vars.pathPrefix, `${path.join('/ext', 'dist', 'bin')}${path.delimiter}`);
  });

  it('makes a launcher that lost its mode executable again, and leaves an executable one alone', () => {
    const file = path.join(scratch, 'dispatch');
    copyFileSync(path.join(repoRoot, 'dist', 'bin', 'dispatch'), file);
    chmodSync(file, 0o644);
    assert.equal(ensureExecutable(file), undefined);
    accessSync(file, constants.X_OK);
    assert.equal(statSync(file).mode & 0o777, 0o755);
    chmodSync(file, 0o700);
    assert.equal(ensureExecutable(file), undefined);
    assert.equal(statSync(file).mode & 0o777, 0o700);
  });

  it('returns a problem naming the file when it cannot be made executable', () => {
    const missing = path.join(scratch, 'missing', 'dispatch');
    const problem = ensureExecutable(missing);
    assert.match(
      problem ?? '',
      /^the dispatch command may not run in terminals: cannot make .*missing\/dispatch executable: /,
    );
  });
});
