// The `dispatch` launcher that ships in dist/bin (src/cli/bin/dispatch), run as a terminal runs it:
// found on PATH, with DISPATCH_NODE naming the executable that runs the extension.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeWorkspace, repoRoot, runCli } from '../../support/cli';

const binDir = path.join(repoRoot, 'dist', 'bin');
const launcher = path.join(binDir, 'dispatch');
const version = (require(path.join(repoRoot, 'package.json')) as { version: string }).version;

/** Runs `script` in /bin/sh with exactly `env` (no inherited variables), as a fresh terminal would. */
function shell(script: string, env: Record<string, string>, cwd = tmpdir()) {
  const run = spawnSync('/bin/sh', ['-c', script], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A folder holding only the given system tools, to build a PATH without `node` on it. */
function toolsOnly(dir: string, tools: string[]): string {
  mkdirSync(dir);
  for (const tool of tools) {
    const found = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

describe('cli/bin/dispatch (the launcher)', () => {
  let scratch: string;
  const systemPath = process.env.PATH ?? '/usr/bin:/bin';

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-launcher-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs `dispatch list` from PATH in the workspace folder and lists its tasks', () => {
    const workspace = makeWorkspace({ 'dispatch.agents': { echo: { command: 'echo' } } });
    try {
      const queued = runCli(workspace, ['delegate', 'say hello', '--agent', 'echo', '--title', 'Say hello']);
      assert.equal(queued.status, 0, queued.stderr);
      const id = queued.stdout.trim();
      const run = shell(
        'dispatch list',
        { PATH: `${binDir}:${systemPath}`, DISPATCH_NODE: process.execPath },
        workspace,
      );
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`${id.slice(0, 8)}.*Say hello`));
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('runs cli.js with DISPATCH_NODE, as Node through ELECTRON_RUN_AS_NODE=1, not with `node` from PATH', () => {
    // Stands in for Electron: it acts as Node only with ELECTRON_RUN_AS_NODE=1, and marks the run.
    const electron = path.join(scratch, 'electron');
    writeFileSync(
      electron,
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "started as an app" >&2; exit 3; }\necho "as node" >&2\nexec "${process.execPath}" "$@"\n`,
      { mode: 0o755 },
    );
    const tools = toolsOnly(path.join(scratch, 'tools'), ['dirname', 'readlink', 'env']);
    const run = shell('dispatch --version', { PATH: `${binDir}:${tools}`, DISPATCH_NODE: electron });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'as node\n');
    assert.equal(run.stdout, `${version}\n`);
  });

  it('falls back to `node` on PATH when DISPATCH_NODE is unset or no longer exists', () => {
    const nodeDir = path.dirname(process.execPath);
    const envs: Record<string, string>[] = [
      {},
      { DISPATCH_NODE: path.join(scratch, 'gone-after-an-update') },
    ];
    for (const env of envs) {
      const run = shell('dispatch --version', { PATH: `${binDir}:${nodeDir}:${systemPath}`, ...env });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${version}\n`);
    }
  });

  it('says in one line how to get Node when there is none', () => {
    const tools = toolsOnly(path.join(scratch, 'tools'), ['dirname', 'readlink', 'env']);
    const run = shell(`"${launcher}" list`, { PATH: tools });
    assert.equal(run.status, 127);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'dispatch: no Node.js found: install Node.js 20 or later, or run dispatch in a VS Code terminal\n',
    );
  });

  it('finds cli.js through absolute and relative symlinks (e.g. ~/.local/bin/dispatch)', () => {
    const local = path.join(scratch, 'local', 'bin');
    mkdirSync(local, { recursive: true });
    symlinkSync(launcher, path.join(scratch, 'absolute'));
    symlinkSync(path.relative(local, path.join(scratch, 'absolute')), path.join(local, 'dispatch'));
    const run = shell('dispatch --version', {
      PATH: `${local}:${systemPath}`,
      DISPATCH_NODE: process.execPath,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
  });
});
