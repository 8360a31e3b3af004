// node scripts/lib/check-vsix.mjs [file.vsix]   (npm run package:check packages first)
// The packaged extension as a user gets it, in four steps, each printing one `check-vsix:` line:
//   1. --install-extension into a fresh bundled VS Code server; the unpacked folder holds what
//      it must, nothing else, and its dist/ is byte for byte this checkout's dist/ (the bytes
//      every test tier ran);
//   2. the .vsix's own dist/cli.js (run from the unpacked folder, no node_modules above it)
//      finishes a `shell` task: delegate, worker, wait, logs;
//   3. a workbench without development mode shows the Workers view's "ready" welcome, which needs
//      the engine to have opened the store (a status bar item would show before that, so a
//      bundle that cannot open the store would pass), and state.db exists;
//   4. a `shell` task delegated from the palette completes in that window.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { onExit } from './on-exit.mjs';
import { repoRoot } from './vscode-runtime.mjs';
import { startServer } from './vscode-server.mjs';
import { contentProblems } from './vsix-contents.mjs';

const vsix = path.resolve(process.argv[2] ?? path.join(repoRoot, 'dist-vsix', 'agent-dispatch.vsix'));
// Bounds on waiting for the workbench, so a broken package fails instead of hanging; measured
// steps take a few seconds each on 2 cores.
const WAIT_MS = 90_000;
const READY_TEXT = 'No agent is running in any window of this workspace.';

const say = (msg) => console.log(`check-vsix: ${msg}`);

/** Runs the .vsix's `dispatch` on `workspace`; throws with its output unless it exits `expect`. */
function dispatch(cli, workspace, args, expect = 0) {
  const run = spawnSync(process.execPath, [cli, '--workspace', workspace, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== expect) {
    // Node prints the failing source line first; on a minified bundle that is the whole file.
    const stderr = run.stderr.split('\n').filter((line) => line.length < 400);
    throw new Error(`dispatch ${args.join(' ')} exited ${run.status}:\n${run.stdout}${stderr.join('\n')}`);
  }
  return run.stdout;
}

function checkContents(installed) {
  const { files, problems } = contentProblems(installed, path.join(repoRoot, 'dist'));
  if (problems.length) throw new Error(`the package is wrong:\n  ${problems.join('\n  ')}`);
  say(
    `${path.basename(installed)} installed from ${path.basename(vsix)}: ${files.length} files, dist/ as tested`,
  );
}

function cliRunsShellTask(cli, scratch) {
  const workspace = path.join(scratch, 'cli-project');
  mkdirSync(workspace);
  const id = dispatch(cli, workspace, ['delegate', '--agent', 'shell', 'echo shipped-cli-ok']).trim();
  dispatch(cli, workspace, ['worker', '--idle-exit', '1']);
  if (!dispatch(cli, workspace, ['wait', id]).includes(`${id} completed`))
    throw new Error(`the CLI's task ${id} did not complete`);
  if (!dispatch(cli, workspace, ['logs', id]).startsWith('shipped-cli-ok\n'))
    throw new Error(`the CLI's task ${id} logged something else`);
  say(`the .vsix's dist/cli.js ran a shell task (delegate, worker, wait, logs)`);
}

async function windowRunsShellTask(page, cli, workspace) {
  const wait = (locator) => locator.waitFor({ timeout: WAIT_MS });
  await wait(page.locator('.monaco-workbench .part.activitybar'));
  await page.locator('.activitybar .action-item a[aria-label="Dispatch"]').click();
  await wait(page.locator('.part.sidebar .pane-body', { hasText: READY_TEXT }));
  if (!existsSync(path.join(workspace, '.vscode', 'dispatch', 'state.db')))
    throw new Error('the Workers view says ready but no state.db was written');
  say('the installed extension opened its store (Workers view ready, state.db written)');

  const prompt = 'echo shipped-extension-ok';
  await page.keyboard.press('F1');
  const quick = page.locator('.quick-input-widget');
  await wait(quick.locator('input'));
  await quick.locator('input').fill('>Dispatch: Delegate Task');
  await quick.locator('.monaco-list-row', { hasText: 'Dispatch: Delegate Task' }).first().click();
  // Delegate Task's one input: the prompt, the shell agent from the title bar's Agent button, Enter.
  const box = quick.locator('input[placeholder^="What should the agent do?"]');
  await wait(box);
  await box.fill(prompt);
  await quick.locator('.quick-input-title').hover();
  await quick.getByRole('button', { name: /^Agent: / }).click();
  await quick.locator('.monaco-list-row', { hasText: 'the prompt is a command line for your shell' }).click();
  await wait(box);
  await page.keyboard.press('Enter');
  const toast = (text) => page.locator('.notifications-toasts .notification-toast', { hasText: text });
  await wait(toast(new RegExp(`Completed in \\d+s: ${prompt}`)));
  const [task] = JSON.parse(dispatch(cli, workspace, ['list', '--json']));
  if (task?.agent !== 'shell' || task.state !== 'completed')
    throw new Error(`the store holds ${JSON.stringify(task)}, not a completed shell task`);
  if (!dispatch(cli, workspace, ['logs', task.id]).startsWith('shipped-extension-ok\n'))
    throw new Error(`the window's task ${task.id} logged something else`);
  say('the installed extension ran a shell task delegated from the palette');
}

async function main() {
  const started = Date.now();
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\``);
  const scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-vsix-'));
  onExit(() => rmSync(scratch, { recursive: true, force: true }));
  const workspace = path.join(scratch, 'project');
  mkdirSync(workspace);
  const server = await startServer({ installExtensions: [vsix] });
  const browser = await launchChromium();
  try {
    const installed = readdirSync(server.dirs.extensions).filter((d) => d.startsWith('agent-dispatch.'));
    if (installed.length !== 1) throw new Error(`expected one installed agent-dispatch, found: ${installed}`);
    const folder = path.join(server.dirs.extensions, installed[0]);
    checkContents(folder);
    const cli = path.join(folder, 'dist', 'cli.js');
    cliRunsShellTask(cli, scratch);
    const page = await browser.context.newPage();
    await page.goto(server.url(workspace));
    await windowRunsShellTask(page, cli, workspace);
    say(`passed (${Math.round((Date.now() - started) / 1000)} s)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(`check-vsix: FAILED: ${err.stack ?? err}`);
  process.exit(1);
});
