/**
 * The output panel's built webview (dist/webview/outputPanel.{js,css}) in headless Chromium,
 * outside VS Code: a loopback HTTP server serves the document renderPanelHtml makes — so the
 * CSP under test is the real one — and a fake acquireVsCodeApi records what the page posts.
 * Tests play the host with send(). Run `node esbuild.mjs` (or --tests) first.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { createNonce, renderPanelHtml } from '../../src/extension/outputPanel/html';
import type {
  HostToWebview,
  PanelInitialState,
  PanelViewState,
  TaskSummary,
  WebviewToHost,
} from '../../src/protocol/outputPanel';
import { darkThemeCss } from './webviewTheme';
import { repoRoot } from './workbench';

interface ChromiumModule {
  launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}

/** What the fake VS Code API keeps in the page. */
interface FakeApiWindow {
  __posted: WebviewToHost[];
  __acquired: number;
  __savedState: PanelViewState | undefined;
  __cspViolations: string[];
}

export interface PanelPage {
  page: Page;
  /** Plays the host: posts a message to the webview as VS Code delivers them. */
  send(message: HostToWebview): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  waitForPosted<T extends WebviewToHost['type']>(type: T): Promise<Extract<WebviewToHost, { type: T }>>;
  /** The text of the row elements in view, top to bottom. */
  visibleRows(): Promise<string[]>;
  /** CSP violations the page reported (should stay empty). */
  cspViolations(): Promise<string[]>;
  /** Every path the page asked the server for (an injected <img src=x> would show up here). */
  requests: string[];
}

export interface OpenOptions {
  task?: Partial<TaskSummary>;
  /** What getState() returns, as after a reload. */
  savedState?: PanelViewState;
  viewport?: { width: number; height: number };
}

export function makeTask(over: Partial<TaskSummary> = {}): TaskSummary {
  return {
    id: 'task-1',
    title: 'Refactor the lock module',
    agent: 'claude',
    state: 'running',
    priority: 'normal',
    createdAt: Date.now() - 95_000,
    startedAt: Date.now() - 83_000,
    endedAt: null,
    exitCode: null,
    signal: null,
    reason: null,
    runningIn: 'this window',
    autonomy: null,
    model: null,
    structured: false,
    result: null,
    retrying: null,
    replyTo: null,
    canReply: false,
    worktree: null,
    ...over,
  };
}

export class WebviewHarness {
  private readonly pages = new Map<string, string>();
  private readonly requestLog = new Map<string, string[]>();
  private nextId = 0;

  private constructor(
    private readonly server: Server,
    private readonly origin: string,
    private readonly browser: Awaited<ReturnType<ChromiumModule['launchChromium']>>,
  ) {}

  /** Starts the server and one browser; close() in an after hook stops both. */
  static async start(): Promise<WebviewHarness> {
    const dist = path.join(repoRoot, 'dist', 'webview');
    const assets: Record<string, [string, string]> = {
      '/webview/outputPanel.js': [readFileSync(path.join(dist, 'outputPanel.js'), 'utf8'), 'text/javascript'],
      '/webview/outputPanel.css': [readFileSync(path.join(dist, 'outputPanel.css'), 'utf8'), 'text/css'],
      '/theme.css': [darkThemeCss, 'text/css'],
    };
    let harness: WebviewHarness | undefined;
    const server = createServer((req, res) => {
      const [url = '/', query = ''] = (req.url ?? '/').split('?');
      const pageId = new URLSearchParams(query).get('page') ?? /^\/panel\/(\d+)$/.exec(url)?.[1] ?? '';
      harness?.requestLog.get(pageId)?.push(url);
      const html = harness?.pages.get(/^\/panel\/(\d+)$/.exec(url)?.[1] ?? '');
      const [body, type] = html !== undefined ? [html, 'text/html'] : (assets[url] ?? [undefined, '']);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const chromiumUrl = pathToFileURL(path.join(repoRoot, 'scripts', 'lib', 'chromium.mjs')).href;
    try {
      const { launchChromium } = (await import(chromiumUrl)) as ChromiumModule;
      harness = new WebviewHarness(server, `http://127.0.0.1:${port}`, await launchChromium());
      return harness;
    } catch (err) {
      server.close();
      throw err;
    }
  }

  /** A new page with the panel loaded and webview/ready posted. */
  async open(options: OpenOptions = {}): Promise<PanelPage & { close(): Promise<void> }> {
    const id = String(this.nextId++);
    const initialState: PanelInitialState = { task: makeTask(options.task) };
    const html = renderPanelHtml({
      cspSource: this.origin,
      nonce: createNonce(),
      scriptUri: `${this.origin}/webview/outputPanel.js?page=${id}`,
      styleUri: `${this.origin}/webview/outputPanel.css?page=${id}`,
      initialState,
    });
    // VS Code adds its theme to the webview's document as well; a link from cspSource is allowed.
    this.pages.set(
      id,
      html.replace('<head>', `<head>\n<link rel="stylesheet" href="${this.origin}/theme.css">`),
    );
    const requests: string[] = [];
    this.requestLog.set(id, requests);
    const page = await this.browser.context.newPage();
    try {
      await page.setViewportSize(options.viewport ?? { width: 1000, height: 640 });
      await page.addInitScript(installFakeVsCodeApi, options.savedState ?? null);
      await page.goto(`${this.origin}/panel/${id}`);
      const panel = panelPage(page, requests);
      await panel.waitForPosted('webview/ready');
      return { ...panel, close: () => page.close() };
    } catch (err) {
      await page.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs in the page before its scripts: VS Code's acquireVsCodeApi, which works only once. */
function installFakeVsCodeApi(saved: PanelViewState | null): void {
  const w = window as unknown as FakeApiWindow & { acquireVsCodeApi(): unknown };
  w.__posted = [];
  w.__acquired = 0;
  w.__savedState = saved ?? undefined;
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  w.acquireVsCodeApi = () => {
    if (++w.__acquired > 1) throw new Error('An instance of the VS Code API has already been acquired');
    return {
      postMessage: (message: WebviewToHost) => w.__posted.push(structuredClone(message)),
      getState: () => w.__savedState,
      setState: (state: PanelViewState) => {
        w.__savedState = structuredClone(state);
      },
    };
  };
}

function panelPage(page: Page, requests: string[]): PanelPage {
  const posted = () => page.evaluate(() => (window as unknown as FakeApiWindow).__posted);
  return {
    page,
    requests,
    posted,
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    async waitForPosted(type) {
      const handle = await page.waitForFunction(
        (t) => (window as unknown as FakeApiWindow).__posted.find((m) => m.type === t),
        type,
      );
      return (await handle.jsonValue()) as never;
    },
    visibleRows: () =>
      page.evaluate(() => {
        const log = document.querySelector('.log')!.getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>('.row:not([hidden])')]
          .filter((row) => {
            const r = row.getBoundingClientRect();
            return r.top >= log.top - 1 && r.bottom <= log.bottom + 1;
          })
          .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
          .map((row) => row.textContent ?? '');
      }),
    cspViolations: () => page.evaluate(() => (window as unknown as FakeApiWindow).__cspViolations),
  };
}
