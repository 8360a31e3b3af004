// Runs the test tiers and adds them up.
//   node scripts/test.mjs                 every tier: unit, multiprocess, vscode, ui
//   node scripts/test.mjs unit vscode     only those
// Each tier prints `<tier>: N passed, N failed`; the run ends with `N passed, N failed` and exits
// non-zero if any test failed, a tier crashed, or a tier had no tests. Run `node esbuild.mjs --tests`
// first (npm test does it in `pretest`): it builds dist/ as the .vsix ships it, and every tier runs
// those bundles. When the ui tier is asked for, the .vsix is packaged once, before any tier runs,
// so no tier sees dist/ rebuilt under it; the ui tier checks the .vsix holds the same bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['unit', 'multiprocess', 'vscode', 'ui'];

/** Mocha in plain Node for the tiers whose tests are `out/test/<tier>/**\/*.test.js`. */
function mochaTier(tier, timeoutMs) {
  return (resultFile) => {
    const dir = path.join(root, 'out', 'test', tier);
    const files = existsSync(dir) ? findTests(dir) : [];
    if (files.length === 0) return { empty: true };
    const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const reporter = path.join(root, 'scripts', 'lib', 'tier-reporter.cjs');
    const run = spawnSync(
      process.execPath,
      [
        mocha,
        '--reporter',
        reporter,
        '--reporter-option',
        `tier=${tier}`,
        '--timeout',
        String(timeoutMs),
        '--exit',
        ...files,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, DISPATCH_TIER_RESULT: resultFile } },
    );
    return { status: run.status };
  };
}

/** The vscode tier runs mocha inside a real VS Code extension host (scripts/lib/run-vscode-tier.mjs). */
function scriptTier(script) {
  return (resultFile) => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'lib', script)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DISPATCH_TIER_RESULT: resultFile },
    });
    return { status: run.status };
  };
}

const tiers = {
  unit: mochaTier('unit', 20_000),
  multiprocess: mochaTier('multiprocess', 120_000),
  vscode: scriptTier('run-vscode-tier.mjs'),
  ui: mochaTier('ui', 180_000),
};

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!ALL.includes(name)) {
    console.error(`unknown tier "${name}"; tiers are: ${ALL.join(', ')}`);
    process.exit(2);
  }
}

/** npm run package: vsce rebuilds dist/ with `vscode:prepublish`, the same production build. */
function packageVsix() {
  console.log('\n=== package ===');
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  return run.status === 0;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-tiers-'));
let passed = 0;
let failed = 0;
let broken = false;
const running = [...(wanted.length ? wanted : ALL)];
if (running.includes('ui') && !packageVsix()) {
  console.log('package: failed — the ui tier is not run, counted as one failure');
  running.splice(running.indexOf('ui'), 1);
  failed++;
}
for (const tier of running) {
  console.log(`\n=== ${tier} ===`);
  const resultFile = path.join(scratch, `${tier}.json`);
  const outcome = tiers[tier](resultFile);
  if (outcome.empty) {
    console.log(`${tier}: no tests yet — not counted as passing`);
    broken = true;
    continue;
  }
  if (!existsSync(resultFile)) {
    console.log(`${tier}: 0 passed, 1 failed (the tier crashed before reporting, exit ${outcome.status})`);
    failed++;
    continue;
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  passed += result.passed;
  failed += result.failed;
  if (outcome.status !== 0 && result.failed === 0) {
    console.log(`${tier}: exited ${outcome.status} after reporting no failure — counted as one failure`);
    failed++;
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
