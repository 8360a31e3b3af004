/**
 * An output panel restored by Reload Window (issue #18: "restored panels show their last content
 * at once"): from the moment its tab is back on screen to its last lines on screen, in a real
 * VS Code (the ui tier's server and Chromium). Baseline in the same run: the least a restorable
 * webview can be (test/fixtures/baseline-webview: the same number of lines as static text, no
 * script, its HTML set the moment VS Code asks) restored the same way in another window. What the
 * baseline takes is VS Code's own: a new extension host, then the webview host page and its
 * service worker. The ratio is what the panel adds to that; the second row is the panel's own
 * share, from its document's start to the snapshot painted.
 */
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { outputPanelFrame, showOutput } from '../support/outputPanelFrame';
import { delegate, fakeAgentSettings } from '../support/uiTasks';
import { openWorkbench, repoRoot, type Workbench } from '../support/workbench';
import type { BenchContext } from './lib/context';
import { ms, percentile, ratio } from './lib/stats';

export const name = 'output panel: restore after Reload Window';

const PANEL_TITLE = 'Survive a reload';
const PANEL_LAST_LINE = 'err 1';
const BASELINE_TITLE = 'Baseline webview';
const BASELINE_LAST_LINE = 'line 31 of the baseline';

const sleep = (msecs: number) => new Promise((resolve) => setTimeout(resolve, msecs));

/** The first frame whose text includes `text`, polled every 20 ms. */
async function frameShowing(page: Page, text: string, timeoutMs = 90_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const shown = await frame
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is on screen
        .evaluate((t) => document.body?.innerText.includes(t) ?? false, text)
        .catch(() => false);
      if (shown) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame showed "${text}" after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Reload Window as a person runs it (the workbench saves its editors' and webviews' state first). */
async function reloadWindow(wb: Workbench): Promise<void> {
  const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame() });
  await wb.runCommand('Developer: Reload Window');
  await reloaded;
}

/**
 * Reloads, then times from the tab on screen to `text` on screen, and to the moment VS Code began
 * the webview's host page — which it does once the extension has set the HTML, so the time up to
 * then is the extension host's start, the activation and the serializer.
 */
async function timeRestore(wb: Workbench, tab: string, text: string) {
  let hostPageAt: number | undefined;
  const onNavigated = (frame: Frame) => {
    if (hostPageAt === undefined && /\/webview\/browser\/pre\/index\.html/.test(frame.url()))
      hostPageAt = performance.now();
  };
  await reloadWindow(wb);
  wb.page.on('framenavigated', onNavigated);
  try {
    await wb.page.locator('.tab', { hasText: tab }).waitFor({ timeout: 90_000 });
    const tabShown = performance.now();
    const frame = await frameShowing(wb.page, text);
    const elapsed = performance.now() - tabShown;
    if (hostPageAt === undefined) throw new Error(`the ${tab} webview never loaded its host page`);
    return { elapsed, htmlSet: hostPageAt - tabShown, frame };
  } finally {
    wb.page.off('framenavigated', onNavigated);
  }
}

async function openBaseline(): Promise<Workbench> {
  const wb = await openWorkbench({
    extensionPath: path.join(repoRoot, 'test', 'fixtures', 'baseline-webview'),
  });
  // The palette lists the command once the extension host has read the extension: on a busy
  // machine that can take longer than runCommand waits, so ask again.
  for (let attempt = 1; ; attempt++) {
    try {
      await wb.runCommand('Baseline: Open Webview');
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await wb.page.keyboard.press('Escape');
    }
  }
  await frameShowing(wb.page, BASELINE_LAST_LINE);
  return wb;
}

async function openPanel(): Promise<Workbench> {
  const wb = await openWorkbench({ files: { '.vscode/settings.json': fakeAgentSettings() } });
  await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  delegate(wb.workspace, 'out:30 err:1', PANEL_TITLE);
  const frame = await showOutput(wb, PANEL_TITLE);
  await frame.locator('.state', { hasText: 'Completed' }).waitFor({ timeout: 60_000 });
  return wb;
}

export async function run(ctx: BenchContext): Promise<void> {
  const rounds = ctx.quick ? 1 : 5;
  const baseline: number[] = [];
  const panel: number[] = [];
  const baselineHtml: number[] = [];
  const panelHtml: number[] = [];
  const inDocument: number[] = [];
  const windows: Workbench[] = [];
  try {
    const base = await openBaseline();
    windows.push(base);
    const ours = await openPanel();
    windows.push(ours);
    // Alternating, so a busier moment of the machine falls on both sides alike.
    for (let i = 0; i < rounds; i++) {
      // Both webviews save their state within a second or so of their last change.
      await sleep(2000);
      const plain = await timeRestore(base, BASELINE_TITLE, BASELINE_LAST_LINE);
      baseline.push(plain.elapsed);
      baselineHtml.push(plain.htmlSet);
      const restored = await timeRestore(ours, PANEL_TITLE, PANEL_LAST_LINE);
      panel.push(restored.elapsed);
      panelHtml.push(restored.htmlSet);
      // From its first request (stylesheets and script, asked for as its HTML is parsed) to the
      // snapshot painted: before that, the frame was VS Code's page loading through its service worker.
      const share = await restored.frame.evaluate(() => {
        const painted = document.body.dataset.restoredAt;
        const requested = performance.getEntriesByType('resource').map((entry) => entry.startTime);
        return painted === undefined || requested.length === 0
          ? undefined
          : Number(painted) - Math.min(...requested);
      });
      if (share === undefined) throw new Error('the panel was not painted from its snapshot');
      inDocument.push(share);
      // Caught up before the next reload, so the state it saves is the engine's, as in use.
      const caughtUp = await outputPanelFrame(ours.page, PANEL_TITLE, 60_000);
      await caughtUp.locator('.notice-restored').waitFor({ state: 'detached', timeout: 60_000 });
    }
  } finally {
    for (const wb of windows) await wb.close();
  }
  const p50max = (samples: number[]) => `${ms(percentile(samples, 50))} / ${ms(Math.max(...samples))}`;
  ctx.table(
    `Restore after Reload Window, tab on screen → last lines on screen (${rounds} reloads each), p50 / max`,
    ['what', 'output panel (31 lines)', 'baseline: static webview (31 lines)', 'panel ÷ baseline', 'target'],
    [
      [
        'tab → last lines on screen',
        p50max(panel),
        p50max(baseline),
        ratio(percentile(panel, 50), percentile(baseline, 50)),
        '≤ 1.2×',
      ],
      [
        'of which: tab → webview host page begun (extension host, activation, serializer)',
        p50max(panelHtml),
        p50max(baselineHtml),
        ratio(percentile(panelHtml, 50), percentile(baselineHtml, 50)),
        '',
      ],
      ["the panel's share: its first request → snapshot painted", p50max(inDocument), '', '', '≤ 100 ms'],
    ],
  );
}
