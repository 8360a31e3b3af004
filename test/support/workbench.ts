// A real VS Code workbench for the ui tier: the bundled VS Code server (scripts/lib/vscode-server.mjs)
// with this extension in development mode on a temp workspace, shown in headless Chromium
// (scripts/lib/chromium.mjs). Those helpers are ES modules shared with the other scripts, hence
// the dynamic import(), which esbuild keeps as a real import() in the CommonJS test output.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';

interface ServerModule {
  startServer(options?: { env?: Record<string, string>; workspaceTrust?: boolean }): Promise<{
    url(folder: string | null, payload?: Record<string, string>): string;
    stop(): Promise<void>;
  }>;
}

interface ChromiumModule {
  launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}

/** The folder with esbuild.mjs: the same from test/support and from its compiled out/test/support. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

async function load<T>(script: string): Promise<T> {
  return import(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', script)).href);
}

export interface WorkbenchOptions {
  /** The workspace folder's name (the window title shows it). Default: 'project'. */
  name?: string;
  /** Files to create in the workspace, by relative path. Default: none. */
  files?: Record<string, string>;
  /** Extra environment for the server and so the extension host. Default: none. */
  env?: Record<string, string>;
  /** Open the workspace untrusted. Default: false (trust is disabled). */
  workspaceTrust?: boolean;
  /** Open an empty window (no folder; `workspace` is still made, for files a test needs). Default: false. */
  emptyWindow?: boolean;
  /** The extension to develop in the window. Default: this repository (its dist/ bundles). */
  extensionPath?: string;
}

/** One VS Code window: a page of the workbench, with its own extension host. */
export interface WorkbenchWindow {
  page: Page;
  /** Runs a command from the palette as a person would: F1, type its title, pick it. */
  runCommand(title: string): Promise<void>;
  /** Saves a PNG of the page, or of `target`, creating the folder. */
  screenshot(file: string, target?: Locator): Promise<void>;
}

export interface Workbench extends WorkbenchWindow {
  workspace: string;
  /**
   * Another window on the same folder: a second page of the same server, so a second extension
   * host with its own engine, as when a person opens the folder in two windows.
   */
  openWindow(): Promise<WorkbenchWindow>;
  /** Closes the browser, stops the server's whole process group, deletes the workspace. */
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dispatch-ui-'));
  const workspace = path.join(scratch, options.name ?? 'project');
  mkdirSync(workspace);
  for (const [rel, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    writeFileSync(path.join(workspace, rel), text);
  }
  const teardown: (() => Promise<void>)[] = [async () => rmSync(scratch, { recursive: true, force: true })];
  const close = async () => {
    while (teardown.length) await teardown.pop()!();
  };
  try {
    const { startServer } = await load<ServerModule>('vscode-server.mjs');
    const server = await startServer({ env: options.env, workspaceTrust: options.workspaceTrust });
    teardown.push(() => server.stop());
    const { launchChromium } = await load<ChromiumModule>('chromium.mjs');
    const browser = await launchChromium();
    teardown.push(() => browser.close());
    const openWindow = async (): Promise<WorkbenchWindow> => {
      const page = await browser.context.newPage();
      const folder = options.emptyWindow ? null : workspace;
      await page.goto(server.url(folder, { extensionDevelopmentPath: options.extensionPath ?? repoRoot }));
      // Measured 8–13 s on 2 cores; the activity bar is the last part the workbench lays out.
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 90_000 });
      return {
        page,
        runCommand: (title) => runCommand(page, title),
        async screenshot(file, target) {
          mkdirSync(path.dirname(file), { recursive: true });
          await (target ?? page).screenshot({ path: file });
        },
      };
    };
    return { ...(await openWindow()), workspace, openWindow, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Click the matching row rather than pressing Enter: a recently used command may be listed first.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}
