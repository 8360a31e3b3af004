/**
 * The output panel's webview in headless Chromium (test/support/webviewHarness.ts): how long
 * from host/init to the last line on screen — for the 2,000-line tail a host sends and for a
 * whole 100,000-line log — and how busy the page is while a task prints 1,000 lines/s for 5 s:
 * time in the message handler, and the gaps between animation frames (16.7 ms is smooth).
 * Baseline in the same run: frame gaps of the idle page.
 */
import type { OutputChunk } from '../../src/protocol/outputPanel';
import { makeTask, WebviewHarness } from '../support/webviewHarness';
import type { BenchContext } from './lib/context';
import { ms, percentile } from './lib/stats';

export const name = 'output panel: init and streaming in Chromium';

/** Line i of a synthetic log, with colour codes or as the row shows it. */
const lineText = (i: number, colour = true) => {
  const [green, yellow, reset] = colour ? ['\x1b[32m', '\x1b[33m', '\x1b[0m'] : ['', '', ''];
  return i % 7 === 0
    ? `${green}✔${reset} step ${i} passed in ${yellow}${i % 97}ms${reset}`
    : `line ${i} of the log`;
};

function tail(lines: number): OutputChunk[] {
  const chunks: OutputChunk[] = [];
  let offset = 0;
  // 100 lines per chunk, every tenth chunk on stderr, colour codes on some lines: like an agent.
  for (let start = 0; start < lines; start += 100) {
    let text = '';
    for (let i = start; i < Math.min(lines, start + 100); i++) {
      text += `${lineText(i)}\n`;
    }
    chunks.push({ stream: (start / 100) % 10 === 9 ? 'stderr' : 'stdout', at: Date.now(), offset, text });
    offset += text.length;
  }
  return chunks;
}

export async function run(ctx: BenchContext): Promise<void> {
  const harness = await WebviewHarness.start();
  try {
    const panel = await harness.open({ viewport: { width: 1200, height: 800 } });
    const { page } = panel;
    const initRows: string[][] = [];
    const repeats = ctx.quick ? 2 : 7;
    for (const lines of [2_000, 100_000]) {
      const chunks = tail(lines);
      const last = lineText(lines - 1, false);
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        // Start from an empty panel, or the last line would already be on screen.
        await panel.send({
          type: 'host/init',
          mode: 'raw',
          task: makeTask(),
          chunks: [],
          hasOlder: false,
          truncatedBytes: 0,
        });
        await page.waitForFunction(() => document.querySelectorAll('.row:not([hidden])').length === 0);
        const message = {
          type: 'host/init',
          mode: 'raw',
          task: makeTask(),
          chunks,
          hasOlder: lines < 100_000,
          truncatedBytes: 0,
        };
        times.push(await page.evaluate(timeInitToLastLine, { message, last }));
      }
      const elements = await page.evaluate(() => document.querySelectorAll('.log *').length);
      initRows.push([
        lines.toLocaleString('en-US'),
        ms(percentile(times, 50)),
        ms(Math.max(...times)),
        String(elements),
      ]);
    }
    ctx.table(
      'host/init → last line visible',
      ['lines in init', 'median', 'max', 'elements in the log after'],
      initRows,
    );

    const seconds = ctx.quick ? 2 : 5;
    const idle = await page.evaluate(frameGaps, 1000);
    const stats = (label: string, samples: number[]) => [
      label,
      ms(percentile(samples, 50)),
      ms(percentile(samples, 95)),
      ms(Math.max(...samples)),
    ];
    const rows = [stats('frame gap, idle page (baseline)', idle)];
    const notes: string[] = [];
    // The required rate, then ten times it for headroom.
    for (const perSecond of [1_000, 10_000]) {
      await panel.send({
        type: 'host/init',
        mode: 'raw',
        task: makeTask(),
        chunks: [],
        hasOlder: false,
        truncatedBytes: 0,
      });
      const s = await page.evaluate(streamLines, { seconds, perSecond, every: 10 });
      const rate = `${perSecond.toLocaleString('en-US')} lines/s`;
      rows.push(stats(`message handler, ${rate}`, s.handler), stats(`frame gap, ${rate}`, s.frames));
      notes.push(
        `${rate}: ${s.lines.toLocaleString('en-US')} lines; the last on screen ${ms(s.lag)} after the last message; ` +
          `${s.longFrames} of ${s.frames.length} frames over 50 ms; ${s.elements} elements in the log at the end.`,
      );
    }
    ctx.table(`streaming for ${seconds} s, one message every 10 ms`, ['measure', 'p50', 'p95', 'max'], rows);
    ctx.note(
      `${notes.join('\n')}\n(performance.now() is coarsened to 0.1 ms in a page without cross-origin isolation.)`,
    );
    await panel.close();
  } finally {
    await harness.close();
  }
}

// The functions below run in the page (page.evaluate), so each carries everything it uses.

async function timeInitToLastLine(args: { message: unknown; last: string }): Promise<number> {
  const visible = (text: string) => {
    const log = document.querySelector('.log')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.row:not([hidden])')].some((row) => {
      const r = row.getBoundingClientRect();
      return row.textContent === text && r.top >= log.top - 1 && r.bottom <= log.bottom + 1;
    });
  };
  const started = performance.now();
  window.postMessage(args.message, '*');
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Checked in the frame callback, just before that frame paints.
    const now = performance.now();
    if (visible(args.last)) return now - started;
    if (now - started > 30_000) throw new Error(`"${args.last}" never became visible`);
  }
}

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

async function streamLines(args: { seconds: number; perSecond: number; every: number }) {
  const handler: number[] = [];
  const frames: number[] = [];
  let began = 0;
  // At the target, capture listeners run before the panel's listener and bubble ones after it.
  const before = () => {
    began = performance.now();
  };
  const after = () => handler.push(performance.now() - began);
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
  const perMessage = (args.perSecond * args.every) / 1000;
  const messages = (args.seconds * 1000) / args.every;
  let line = 0;
  let offset = 0;
  let sent = 0;
  for (let m = 0; m < messages; m++) {
    let text = '';
    for (let i = 0; i < perMessage; i++, line++) {
      text +=
        line % 5 === 0
          ? `\x1b[36m●\x1b[0m tool call ${line}: \x1b[1mread\x1b[0m src/file${line}.ts\n`
          : `streamed line ${line}\n`;
    }
    const stream = m % 10 === 9 ? 'stderr' : 'stdout';
    window.postMessage({ type: 'host/append', chunks: [{ stream, at: Date.now(), offset, text }] }, '*');
    offset += text.length;
    sent = performance.now();
    await new Promise((resolve) => setTimeout(resolve, args.every));
  }
  const lastText = `streamed line ${line - 1}`;
  const visible = () => {
    const log = document.querySelector('.log')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.row:not([hidden])')].some((row) => {
      const r = row.getBoundingClientRect();
      return row.textContent === lastText && r.top >= log.top - 1 && r.bottom <= log.bottom + 1;
    });
  };
  while (!visible()) await new Promise((resolve) => requestAnimationFrame(resolve));
  const lag = performance.now() - sent;
  running = false;
  window.removeEventListener('message', before, { capture: true });
  window.removeEventListener('message', after);
  return {
    handler,
    frames,
    lag,
    lines: line,
    longFrames: frames.filter((f) => f > 50).length,
    elements: document.querySelectorAll('.log *').length,
  };
}
