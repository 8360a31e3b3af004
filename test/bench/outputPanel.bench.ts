/**
 * The output panel in a real VS Code (the ui tier's server and Chromium), end to end:
 *   - open: from picking the task in Dispatch: Show Output to the log's last line on screen, for
 *     a 100,000-line log, against the same for a 1-line log (the baseline: what creating a
 *     webview costs by itself);
 *   - streaming: a task printing 1,000 lines/s for 10 s, measured inside the panel's document:
 *     time in the message handler, gaps between animation frames (16.7 ms is smooth; baseline:
 *     the same page idle), and the age of each message's oldest line on arrival (capture by the
 *     supervisor → flush → follow → host/append; the flush interval is set to 100 ms here).
 */
import { runCli } from '../support/cli';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { delegate, fakeAgentSettings } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';
import type { BenchContext } from './lib/context';
import { ms, percentile } from './lib/stats';

export const name = 'output panel in VS Code: open a 100,000-line log, stream 1,000 lines/s';

export async function run(ctx: BenchContext): Promise<void> {
  const wb = await openWorkbench({ files: { '.vscode/settings.json': fakeAgentSettings() } });
  try {
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
    const repeats = ctx.quick ? 2 : 7;
    const rows: string[][] = [];
    for (const lines of [1, 100_000]) {
      const title = `Log of ${lines.toLocaleString('en-US')} lines`;
      const id = delegate(wb.workspace, `out:${lines}`, title);
      const wait = runCli(wb.workspace, ['wait', id, '--timeout', '120']);
      if (wait.status !== 0) throw new Error(`${title} did not complete: ${wait.stdout}${wait.stderr}`);
      const times: OpenTimes[] = [];
      for (let i = 0; i < repeats; i++) times.push(await timeOpen(wb, title, `out ${lines}`));
      const median = (key: keyof OpenTimes) => {
        const samples = times.map((t) => t[key]);
        return ms(percentile(samples, 50));
      };
      const max = ms(Math.max(...times.map((t) => t.total)));
      const count = lines.toLocaleString('en-US');
      rows.push([count, median('total'), max, median('workbench'), median('panel')]);
    }
    ctx.table(
      'pick the task in Dispatch: Show Output → last line on screen (medians)',
      [
        'lines in the log',
        'total',
        'max total',
        'workbench: pick → document fetched',
        'panel: → last line on screen',
      ],
      rows,
    );
    ctx.note(
      '"workbench" is VS Code creating the webview and fetching its document (in the web workbench ' +
        "each webview document after the window's first waits ~1 s for a webview service worker, " +
        'whatever else is open); "panel" is ours: the bundle loading, webview/ready, the tail read ' +
        '(readTail, 2,000 lines), host/init and the render.',
    );
    await stream(ctx, wb, ctx.quick ? 3 : 10);
  } finally {
    await wb.close();
  }
}

interface OpenTimes {
  total: number;
  workbench: number;
  panel: number;
}

/** Opens the panel from the palette and times it from the pick (rAF-checked in the panel). */
async function timeOpen(wb: Workbench, title: string, last: string): Promise<OpenTimes> {
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('Dispatch: Show Output');
  await wb.page.locator('.quick-input-widget input').fill(title);
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
  const picked = Date.now();
  await row.click();
  const frame = await outputPanelFrame(wb.page, title, 60_000);
  const shownAt = await frame.waitForFunction(lastLineShownAt, last, { polling: 'raf', timeout: 60_000 });
  const shown = (await shownAt.jsonValue()) as number;
  // The document VS Code navigates the frame to before it writes ours into it.
  const fetched = await frame.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return performance.timeOrigin + (nav?.responseEnd ?? 0);
  });
  return { total: shown - picked, workbench: fetched - picked, panel: shown - fetched };
}

/** In the panel: the epoch ms of the first frame that showed `text` inside the log's viewport. */
function lastLineShownAt(text: string): number | false {
  const log = document.querySelector('.log')?.getBoundingClientRect();
  if (!log) return false;
  const shown = [...document.querySelectorAll<HTMLElement>('.row:not(.probe):not([hidden])')].some((row) => {
    const r = row.getBoundingClientRect();
    return row.textContent === text && r.top >= log.top - 1 && r.bottom <= log.bottom + 1;
  });
  return shown ? performance.timeOrigin + performance.now() : false;
}

async function stream(ctx: BenchContext, wb: Workbench, seconds: number): Promise<void> {
  const title = 'Streaming 1,000 lines/s';
  const total = seconds * 1000;
  // The pause lets the panel open and the probes go in before the first line.
  delegate(wb.workspace, `sleep:8000 drip:${total}:1000`, title);
  await wb.runCommand('Dispatch: Show Output');
  await wb.page.locator('.quick-input-widget input').fill(title);
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  const frame = await outputPanelFrame(wb.page, title, 60_000);
  const idle = await frame.evaluate(frameGaps, 1000);
  await frame.evaluate(installProbes);
  // Stopped at the last line, so the frames after it (idle again) do not dilute the figures.
  await frame.waitForFunction((n) => (window as unknown as { __probe: Probe }).__probe.lines >= n, total, {
    timeout: (seconds + 60) * 1000,
  });
  const s = await frame.evaluate(() => (window as unknown as { __probe: Probe }).__probe.stop());
  const row = (label: string, samples: number[]) => [
    label,
    ms(percentile(samples, 50)),
    ms(percentile(samples, 95)),
    ms(Math.max(...samples)),
  ];
  ctx.table(
    `streaming ${total.toLocaleString('en-US')} lines at 1,000 lines/s, measured in the panel`,
    ['measure', 'p50', 'p95', 'max'],
    [
      row('frame gap, idle panel (baseline)', idle),
      row('message handler (host/append)', s.handler),
      row('frame gap while streaming', s.frames),
      row("age of a message's oldest line on arrival", s.ages),
    ],
  );
  ctx.note(
    `${s.messages} host/append messages for ${s.lines.toLocaleString('en-US')} lines; ` +
      `${s.frames.filter((f) => f > 50).length} of ${s.frames.length} frames over 50 ms; ` +
      `${s.elements} elements in the log at the end.`,
  );
  await wb.runCommand('View: Close All Editors');
}

interface Probe {
  /** Lines received so far. */
  readonly lines: number;
  stop(): {
    handler: number[];
    frames: number[];
    ages: number[];
    messages: number;
    lines: number;
    elements: number;
  };
}

// The functions below run in the panel's document (frame.evaluate), so each carries what it uses.

async function frameGaps(durationMs: number): Promise<number[]> {
  const gaps: number[] = [];
  let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const end = last + durationMs;
  while (last < end) {
    const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    gaps.push(now - last);
    last = now;
  }
  return gaps;
}

function installProbes(): void {
  const handler: number[] = [];
  const frames: number[] = [];
  const ages: number[] = [];
  let lines = 0;
  let began = 0;
  type Append = { type: string; chunks?: { at: number; text: string }[] };
  // Capture listeners at the target run before the panel's own listener, bubble ones after it.
  const before = (event: MessageEvent<Append>) => {
    began = performance.now();
    if (event.data?.type !== 'host/append' || !event.data.chunks?.length) return;
    ages.push(Date.now() - Math.min(...event.data.chunks.map((c) => c.at)));
    for (const c of event.data.chunks) lines += c.text.split('\n').length - 1;
  };
  const after = (event: MessageEvent<Append>) => {
    if (event.data?.type === 'host/append') handler.push(performance.now() - began);
  };
  window.addEventListener('message', before, { capture: true });
  window.addEventListener('message', after);
  let running = true;
  void (async () => {
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    while (running) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      frames.push(now - last);
      last = now;
    }
  })();
  const probe: Probe = {
    get lines() {
      return lines;
    },
    stop() {
      running = false;
      window.removeEventListener('message', before, { capture: true });
      window.removeEventListener('message', after);
      const elements = document.querySelectorAll('.log *').length;
      return { handler, frames, ages, messages: handler.length, lines, elements };
    },
  };
  (window as unknown as { __probe: Probe }).__probe = probe;
}
