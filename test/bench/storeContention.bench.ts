/**
 * Between processes: how long a write in one process takes to reach another's onDidChange, and
 * how many commits per second 4 contending processes get through, next to one process alone.
 */
import { openStateStore, type StateStore } from '../../src/store/stateStore';
import { killClients, startClient } from '../support/storeClients';
import type { BenchContext } from './lib/context';
import { seedHistory } from './lib/history';
import { flushDisk, ms, percentile, ratio } from './lib/stats';

export const name = 'store: change propagation and contention';

async function propagation(
  store: StateStore,
  dir: string,
  samples: number,
  thenRead: boolean,
): Promise<number[]> {
  const watcher = startClient(thenRead ? ['watch', dir, 'read'] : ['watch', dir]);
  await watcher.waitFor(/^ready$/);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    await store.write((r) =>
      r.tasks.create({ prompt: `change ${i}`, agent: 'claude', cwd: '/w' }, Date.now()),
    );
    const committed = performance.now();
    const seen = watcher.lines.length;
    await watcher.waitFor(/^event /, 5000);
    const line = await waitForNewEvent(watcher, seen);
    out.push(line - committed);
    await new Promise((resolve) => setTimeout(resolve, 40)); // let the debounce window close
  }
  watcher.proc.kill('SIGKILL');
  await watcher.exited;
  return out;
}

async function waitForNewEvent(watcher: ReturnType<typeof startClient>, after: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = watcher.lines.slice(after).find((l) => l.text.startsWith('event '));
    if (line) return line.at;
    if (Date.now() > deadline) throw new Error('no event within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 0.5));
  }
}

async function contention(dir: string, taskId: string, processes: number, each: number): Promise<number> {
  const clients = Array.from({ length: processes }, () => startClient(['increment', dir, taskId, each]));
  await Promise.all(clients.map((c) => c.exited));
  const oks = clients.flatMap((c) => c.lines.filter((l) => l.text.startsWith('ok ')).map((l) => l.at));
  // From the first commit to the last, so process start-up is not counted.
  return (oks.length - 1) / ((Math.max(...oks) - Math.min(...oks)) / 1000);
}

export async function run(ctx: BenchContext): Promise<void> {
  const samples = ctx.quick ? 5 : 40;
  const each = ctx.quick ? 20 : 150;
  const propagationRows: string[][] = [];
  const throughputRows: string[][] = [];
  try {
    for (const history of ctx.quick ? [100] : [100, 10_000]) {
      const dir = ctx.tempDir(`contention-${history}`);
      const store = await openStateStore({ dir });
      await seedHistory(store, history);
      flushDisk();
      for (const thenRead of [false, true]) {
        const latencies = await propagation(store, dir, samples, thenRead);
        propagationRows.push([
          history.toLocaleString('en'),
          thenRead ? 'event, then re-read counts' : 'event',
          ms(percentile(latencies, 50)),
          ms(percentile(latencies, 95)),
        ]);
      }
      const taskId = await store.write(
        (r) => r.tasks.create({ prompt: 'counter', agent: 'claude', cwd: '/w' }, 1).id,
      );
      flushDisk();
      const started = performance.now();
      for (let i = 0; i < each; i++) {
        await store.write((r) => r.tasks.setOutputStats(taskId, i + 1, 0));
      }
      const alone = each / ((performance.now() - started) / 1000);
      flushDisk();
      const contended = await contention(dir, taskId, 4, each);
      throughputRows.push([
        history.toLocaleString('en'),
        `${alone.toFixed(0)} commits/s`,
        `${contended.toFixed(0)} commits/s`,
        ratio(contended, alone),
      ]);
      store.dispose();
    }
  } finally {
    await killClients();
  }
  ctx.table(
    `Change propagation: commit in A → onDidChange in B (${samples} changes each)`,
    ['finished tasks', 'measured until', 'p50', 'p95'],
    propagationRows,
  );
  ctx.table(
    `Throughput: 4 processes × ${each} locked read-modify-write commits, vs 1 process alone`,
    ['finished tasks', '1 process', '4 processes', '4 ÷ 1'],
    throughputRows,
  );
}
