// The vscode tier: mocha inside a real VS Code extension host. There is no desktop VS Code here,
// so the bundled VS Code server runs the host and headless Chromium opens the workbench with the
// development parameters in the URL payload; the workbench reports the result through
// window.codeAutomationExit, as in VS Code's own browser integration tests.
// Expects `node esbuild.mjs --tests` to have run. Prints `vscode: N passed, N failed`, writes
// {tier, passed, failed} to DISPATCH_TIER_RESULT, exits non-zero on any failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { onExit } from './on-exit.mjs';
import { repoRoot } from './vscode-runtime.mjs';
import { startServer } from './vscode-server.mjs';

// Measured ~300 s for the suite on a busy 2-core machine (it has grown with each feature);
// generous so a slow machine passes, bounded so it never hangs.
const OVERALL_TIMEOUT_MS = 10 * 60_000;
// Logged by test/vscode/index.ts around mocha's run.
const MOCHA_START = '[vscode tier] mocha starting';
const MOCHA_END = '[vscode tier] mocha finished';
const testsIndex = path.join(repoRoot, 'out', 'test', 'vscode', 'index.js');

function report(passed, failed, why) {
  if (why) console.log(`vscode: ${why}`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  const out = process.env.DISPATCH_TIER_RESULT;
  if (out) writeFileSync(out, JSON.stringify({ tier: 'vscode', passed, failed }));
  return failed > 0 ? 1 : 0;
}

let mochaStarted = false;
let mochaEnded = false;
const beforeMocha = [];

/** Runs the suite; resolves with the exit code the workbench reported. */
async function runInWorkbench(workspace, resultFile) {
  const server = await startServer({ env: { DISPATCH_VSCODE_RESULT: resultFile } });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      page.once('crash', () => resolve('the page crashed'));
    });
    // The extension host's console (mocha's spec output) arrives here as console.log arguments,
    // mixed with the workbench's own start-up chatter: hold that back unless the run breaks.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (line === MOCHA_START) mochaStarted = true;
      else if (line === MOCHA_END) mochaEnded = true;
      else if (mochaStarted && !mochaEnded) console.log(line);
      else beforeMocha.push(line);
    });
    await page.goto(
      server.url(workspace, { extensionDevelopmentPath: repoRoot, extensionTestsPath: testsIndex }),
    );
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(
        () => resolve(`no result within ${OVERALL_TIMEOUT_MS / 1000} s`),
        OVERALL_TIMEOUT_MS,
      );
    });
    const outcome = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    return outcome;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main() {
  if (!existsSync(testsIndex))
    return report(0, 1, `${testsIndex} is missing: run \`node esbuild.mjs --tests\``);
  const scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-vscode-tier-'));
  onExit(() => rmSync(scratch, { recursive: true, force: true }));
  const workspace = path.join(scratch, 'workspace');
  const resultFile = path.join(scratch, 'result.json');
  mkdirSync(workspace);

  const started = Date.now();
  const outcome = await runInWorkbench(workspace, resultFile);
  console.log(`vscode: finished in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!existsSync(resultFile)) {
    if (!mochaStarted) console.log(`--- workbench log ---\n${beforeMocha.join('\n')}`);
    return report(
      0,
      1,
      `mocha never reported (${typeof outcome === 'number' ? `exit ${outcome}` : outcome})`,
    );
  }
  const { passed, failed } = JSON.parse(readFileSync(resultFile, 'utf8'));
  if (outcome !== 0 && failed === 0) return report(passed, 1, `run() failed (${outcome}) though no test did`);
  return report(passed, failed);
}

main().then(
  (code) => process.exit(code),
  (err) => process.exit(report(0, 1, `crashed: ${err.stack ?? err}`)),
);
