import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/bundles';

/**
 * What a user installs. scripts/test.mjs packages dist-vsix/agent-dispatch.vsix once, before any
 * tier runs (this test never rebuilds dist/); scripts/lib/check-vsix.mjs installs it into a fresh
 * VS Code server with --install-extension and checks it end to end, one line per step.
 */
describe('ui: the packaged extension', function () {
  this.timeout(300_000);
  const vsix = path.join(repoRoot, 'dist-vsix', 'agent-dispatch.vsix');

  it('installs, ships the tested bytes, and runs shell tasks from the window and from its cli.js', () => {
    assert.ok(existsSync(vsix), `${vsix} is missing: run \`npm run package\` before the ui tier`);
    const check = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'lib', 'check-vsix.mjs'), vsix],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    assert.equal(check.status, 0, `the .vsix check failed:\n${check.stdout}\n${check.stderr}`);
    const steps = [
      /installed from agent-dispatch\.vsix: \d+ files, dist\/ as tested/,
      /the \.vsix's dist\/cli\.js ran a shell task \(delegate, worker, wait, logs\)/,
      /the installed extension opened its store \(Workers view ready, state\.db written\)/,
      /the installed extension ran a shell task delegated from the palette/,
    ];
    for (const step of steps) assert.match(check.stdout, step);
  });
});
