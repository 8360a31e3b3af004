import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir } from '../../support/bundles';

/**
 * The bundles on their own, as a user gets them: dist/ copied to a folder with no node_modules
 * anywhere above it, so a bundle that still loads a package or one of its files at run time (as
 * jsonc-parser's UMD build did, "Cannot find module './impl/format'") fails here. Covers every
 * dependency the CLI and the supervisor use, today's and any added later.
 */
/** Node prints the failing source line first: on a minified bundle that is the whole file. */
const readable = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.length < 400)
    .join('\n');

describe('cli: the shipped bundles, away from node_modules', function () {
  this.timeout(60_000);
  let scratch: string;
  let bundles: string;
  let workspace: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-bundles-'));
    bundles = path.join(scratch, 'dist');
    cpSync(distDir, bundles, { recursive: true });
    workspace = path.join(scratch, 'project');
    mkdirSync(workspace);
    for (let dir = scratch; path.dirname(dir) !== dir; dir = path.dirname(dir))
      assert.ok(!existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules would hide a missing file`);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const dispatch = (...args: string[]) => {
    const run = spawnSync(
      process.execPath,
      [path.join(bundles, 'cli.js'), '--workspace', workspace, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { status: run.status, stdout: run.stdout, stderr: readable(run.stderr) };
  };

  it('cli.js prints its usage', () => {
    const help = dispatch('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^usage: dispatch /);
  });

  it('supervisor.js starts and refuses a missing spec with its own exit code', () => {
    // 70 is the supervisor's "could not read the spec"; a bundle that cannot load exits 1.
    const run = spawnSync(
      process.execPath,
      [path.join(bundles, 'supervisor.js'), path.join(scratch, 'none.spec.json')],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 70, readable(run.stderr));
  });

  it('runs a shell task: delegate, worker, wait, logs', () => {
    const queued = dispatch('delegate', '--agent', 'shell', 'echo from-the-bundle; echo on-stderr >&2');
    assert.equal(queued.status, 0, queued.stderr);
    const id = queued.stdout.trim();
    const worker = dispatch('worker', '--idle-exit', '1');
    assert.equal(worker.status, 0, worker.stderr);
    assert.match(worker.stderr, new RegExp(`started ${id} \\(shell\\)`));
    const waited = dispatch('wait', id);
    assert.equal(waited.status, 0, waited.stderr);
    assert.match(waited.stdout, new RegExp(`${id} completed`));
    const logs = dispatch('logs', id);
    assert.equal(logs.status, 0, logs.stderr);
    assert.match(logs.stdout, /^from-the-bundle\non-stderr\n/);
  });
});
