/**
 * The editor's own cost (issue #5), each figure next to a baseline from the same run:
 *   - activation: the time inside activate() in a real extension host (the VS Code server and
 *     Chromium of the ui tier), read from the extension's log after each window (re)load, next to
 *     the time the engine then takes to open in the background — what activate() would cost if it
 *     waited for the database;
 *   - the views' model over 10,000 finished tasks: the first population from a freshly opened
 *     store, a refresh after another process's commit, and "Show more…", next to reading every
 *     task once (what views without pages would do on every change).
 */
import type { Page } from 'playwright-core';
import { LiveState } from '../../src/extension/model/liveState';
import { openStateStore } from '../../src/store/stateStore';
import { openWorkbench } from '../support/workbench';
import type { BenchContext } from './lib/context';
import { seedHistory } from './lib/history';
import { ms, percentile, ratio } from './lib/stats';

export const name = 'extension: activation, views over 10,000 tasks';

const HISTORY = 10_000;

export async function run(ctx: BenchContext): Promise<void> {
  await views(ctx);
  await activation(ctx);
}

const time = async (fn: () => unknown): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

const p50p95 = (samples: number[]) => `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`;

async function views(ctx: BenchContext): Promise<void> {
  const dir = ctx.tempDir('views');
  const writer = await openStateStore({ dir });
  await seedHistory(writer, HISTORY);
  // What is unfinished beside the history: a queue, and four running tasks with worker rows.
  const running = await writer.write((r) => {
    for (let i = 0; i < 24; i++)
      r.tasks.create({ prompt: `queued ${i}`, agent: 'claude', cwd: '/w' }, Date.now());
    const claimed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const task = r.claimNext({ ownerId: 'bench', host: 'bench', maxWorkers: 8, now: Date.now() });
      if (task) claimed.push(task.id);
    }
    return claimed;
  });
  const rounds = ctx.quick ? 2 : 7;
  const first: number[] = [];
  const everything: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // A new store each time: its prompt cache is empty, as in a window that just opened.
    const reader = await openStateStore({ dir });
    first.push(await time(() => new LiveState().refresh({ id: 'bench', state: reader })));
    reader.dispose();
    const naive = await openStateStore({ dir });
    everything.push(await time(() => naive.read((r) => r.tasks.list())));
    naive.dispose();
  }

  const reader = await openStateStore({ dir });
  const live = new LiveState();
  live.refresh({ id: 'bench', state: reader });
  const afterCommit: number[] = [];
  const readAll: number[] = [];
  for (let i = 0; i < (ctx.quick ? 5 : 50); i++) {
    // Another process's routine commit (a running task's output size): the reader reloads state.db.
    await writer.write((r) => r.tasks.setOutputStats(running[i % running.length]!, i * 100, i));
    afterCommit.push(await time(() => live.refresh({ id: 'bench', state: reader })));
    readAll.push(await time(() => reader.read((r) => r.tasks.list())));
  }
  const more: number[] = [];
  for (let i = 0; i < 5; i++) more.push(await time(() => live.tasks.showMore('completed')));
  const shown = live.tasks.group('completed').tasks.length;
  reader.dispose();
  writer.dispose();

  ctx.table(
    `Views' model over ${HISTORY.toLocaleString('en')} finished tasks (+24 queued, 4 running), p50 / p95`,
    ['what', 'paged model (what the views read)', 'baseline: read every task', 'model ÷ baseline'],
    [
      [
        `first population, fresh store (${rounds} runs)`,
        p50p95(first),
        p50p95(everything),
        ratio(percentile(first, 50), percentile(everything, 50)),
      ],
      [
        `refresh after another process's commit (${afterCommit.length})`,
        p50p95(afterCommit),
        p50p95(readAll),
        ratio(percentile(afterCommit, 50), percentile(readAll, 50)),
      ],
      [`"Show more…" (+200, up to ${shown} shown)`, p50p95(more), '', ''],
    ],
  );
}

/** "activated in N ms" and "opened in N ms" from the extension's log, shown in the Output panel. */
async function readLog(page: Page, runCommand: (title: string) => Promise<void>) {
  // The status bar item appears once activate() ran; the palette lists the command by then.
  await page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  await runCommand('Dispatch: Show Logs');
  const lines = page.locator('.part.panel .view-lines');
  await lines.filter({ hasText: /opened\sin/ }).waitFor({ timeout: 60_000 });
  // The editor renders spaces as no-break spaces.
  const text = ((await lines.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
  const activated = /activated in ([\d.]+) ms/.exec(text)?.[1];
  const opened = /opened in ([\d.]+) ms/.exec(text)?.[1];
  if (!activated || !opened) throw new Error(`no timings in the log: ${text.slice(0, 500)}`);
  return { activated: Number(activated), opened: Number(opened) };
}

async function activation(ctx: BenchContext): Promise<void> {
  const loads = ctx.quick ? 2 : 6;
  const wb = await openWorkbench({ files: { 'README.md': '# bench\n' } });
  const activate: number[] = [];
  const engine: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      if (i > 0) {
        // A reload starts a new extension host: a new activation.
        await wb.page.reload();
        await wb.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 90_000 });
      }
      const { activated, opened } = await readLog(wb.page, wb.runCommand);
      activate.push(activated);
      engine.push(opened);
    }
  } finally {
    await wb.close();
  }
  ctx.table(
    `Activation in a real extension host (${loads} window loads), p50 / max`,
    ['what', 'time', 'target'],
    [
      ['inside activate()', `${ms(percentile(activate, 50))} / ${ms(Math.max(...activate))}`, '≤ 50 ms'],
      [
        'baseline: the engine opening afterwards (sql.js, state.db, first write)',
        `${ms(percentile(engine, 50))} / ${ms(Math.max(...engine))}`,
        'not waited for',
      ],
    ],
  );
}
