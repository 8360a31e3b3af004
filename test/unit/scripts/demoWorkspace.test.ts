// scripts/lib/demo-workspace.mjs, which `npm start` runs: the demo folder is a git repository with
// its files committed, and its README names the agents found on PATH (here: a fake `claude`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/cli';

interface DemoModule {
  writeDemoWorkspace(dir: string): string;
}

describe('scripts/lib/demo-workspace', function () {
  this.timeout(20_000);
  let scratch: string;
  let savedPath: string | undefined;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-demo-'));
    const bin = path.join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, 'claude'), 0o755);
    savedPath = process.env.PATH;
    // git must still be found; `claude` is found in the fake bin, not on this machine.
    const gitDir = path.dirname(
      spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim(),
    );
    process.env.PATH = [bin, gitDir, '/usr/bin', '/bin'].join(path.delimiter);
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(scratch, { recursive: true, force: true });
  });

  const load = async () =>
    (await import(
      pathToFileURL(path.join(repoRoot, 'scripts', 'lib', 'demo-workspace.mjs')).href
    )) as DemoModule;
  const git = (cwd: string, ...args: string[]) =>
    spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout.trim();

  it('makes a git repository with the demo files committed and a README naming the agents found', async () => {
    const { writeDemoWorkspace } = await load();
    const demo = writeDemoWorkspace(path.join(scratch, 'demo'));
    const readme = readFileSync(path.join(demo, 'README.md'), 'utf8');
    assert.match(
      readme,
      /^Agents that can run here: `shell` \(a command line, run by your shell\), `claude`\.$/m,
    );
    assert.match(readme, /^Not found on this machine's PATH: `codex`, `gemini`\./m);
    assert.equal(git(demo, 'status', '--porcelain'), '', 'everything committed');
    assert.equal(git(demo, 'rev-list', '--count', 'HEAD'), '1');

    // A later start changes nothing when nothing changed; files it refreshes are as committed.
    writeFileSync(path.join(demo, 'src', 'greet.js'), 'broken\n');
    writeFileSync(path.join(demo, 'notes.txt'), 'mine\n');
    writeDemoWorkspace(demo);
    assert.equal(git(demo, 'rev-list', '--count', 'HEAD'), '1');
    assert.equal(
      git(demo, 'status', '--porcelain'),
      '?? notes.txt',
      'a file the user added stays, uncommitted',
    );
    // `claude` gone from PATH: the README says so, and the change is committed.
    rmSync(path.join(scratch, 'bin', 'claude'));
    writeDemoWorkspace(demo);
    assert.match(
      readFileSync(path.join(demo, 'README.md'), 'utf8'),
      /^Agents that can run here: `shell` \(a command line, run by your shell\)\.$/m,
    );
    assert.equal(git(demo, 'rev-list', '--count', 'HEAD'), '2');
    assert.equal(git(demo, 'status', '--porcelain'), '?? notes.txt');
  });
});
