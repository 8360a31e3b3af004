// node scripts/lib/check-vsix.mjs [file.vsix]   (npm run package:check packages first)
// Installs the packaged extension into a fresh bundled VS Code server with --install-extension, as
// a user would, opens a workbench without development mode and waits for the status bar item that
// activate() creates. Catches a .vscodeignore or bundle that leaves out something the extension needs.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { onExit } from './on-exit.mjs';
import { repoRoot } from './vscode-runtime.mjs';
import { startServer } from './vscode-server.mjs';

const vsix = path.resolve(process.argv[2] ?? path.join(repoRoot, 'dist-vsix', 'agent-dispatch.vsix'));

async function main() {
  const started = Date.now();
  const workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-vsix-ws-'));
  onExit(() => rmSync(workspace, { recursive: true, force: true }));
  const server = await startServer({ installExtensions: [vsix] });
  const browser = await launchChromium();
  try {
    const installed = readdirSync(server.dirs.extensions).filter((d) => d.startsWith('agent-dispatch.'));
    if (installed.length !== 1) throw new Error(`expected one installed agent-dispatch, found: ${installed}`);
    const page = await browser.context.newPage();
    await page.goto(server.url(workspace));
    await page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `check-vsix: ${installed[0]} installed from ${path.basename(vsix)} and activated (${seconds} s)`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(`check-vsix: FAILED: ${err.stack ?? err}`);
  process.exit(1);
});
