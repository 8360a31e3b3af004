import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/cli';

/**
 * What a user installs: `npm run package` builds the .vsix (production bundle) and
 * scripts/lib/check-vsix.mjs installs it into a fresh VS Code server with --install-extension
 * and waits for the extension to activate in a real workbench.
 */
describe('ui: the packaged extension', function () {
  this.timeout(240_000);

  it('packages into a .vsix that installs with --install-extension and activates', () => {
    const pack = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, `npm run package failed:\n${pack.stdout}\n${pack.stderr}`);
    const listed = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const files = listed.stdout.trim().split('\n');
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/supervisor.js'), files.join(', '));
    assert.ok(files.includes('dist/sql-wasm.wasm'), 'the wasm ships next to the bundle');
    assert.ok(files.includes('dist/bin/dispatch'), 'the terminal launcher ships next to cli.js');
    assert.deepEqual(
      files.filter((f) => /^(src|test|node_modules|scripts)\//.test(f) || f.endsWith('.map')),
      [],
      'only what the extension needs is packaged',
    );
    const check = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'lib', 'check-vsix.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, `the vsix did not install and activate:\n${check.stdout}\n${check.stderr}`);
    assert.match(check.stdout, /installed from agent-dispatch\.vsix and activated/);
  });
});
