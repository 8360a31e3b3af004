/**
 * Commit latency against the history size, next to the floor measured in the same run: writing
 * the same number of bytes with write + fsync + rename, which every commit must pay anyway.
 */
import { readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeDurable } from '../../src/store/os/atomicFile';
import { openStateStore } from '../../src/store/stateStore';
import type { BenchContext } from './lib/context';
import { seedHistory } from './lib/history';
import { flushDisk, mb, ms, percentile, promptText, ratio, sample, seeded } from './lib/stats';

export const name = 'store: commit latency and state.db size';

export async function run(ctx: BenchContext): Promise<void> {
  const histories = ctx.quick ? [100, 1000] : [100, 1000, 10_000];
  const count = ctx.quick ? 10 : 100;
  const rows: string[][] = [];
  const sizes: string[][] = [];
  for (const history of histories) {
    const dir = ctx.tempDir(`commit-${history}`);
    const store = await openStateStore({ dir });
    await seedHistory(store, history);
    const running = await store.write((r) => {
      const task = r.tasks.create({ prompt: 'a running task', agent: 'claude', cwd: '/w' }, Date.now());
      return r.claimNext({ ownerId: 'bench', host: 'bench', maxWorkers: 8, now: Date.now() })?.id ?? task.id;
    });
    const dbBytes = statSync(store.paths.db).size;
    flushDisk();
    // The routine commit: a running task's output size, what each window writes once per flush.
    let n = 0;
    const bytes = new Uint8Array(dbBytes).fill(7);
    const floorFile = path.join(dir, 'floor.db');
    const update: number[] = [];
    const floor: number[] = [];
    // Interleaved, so a burst of disk noise hits the commit and its floor alike.
    for (let i = -5; i < count; i++) {
      const [commitMs] = await sample(1, 0, () =>
        store.write((r) => r.tasks.setOutputStats(running, ++n * 100, n)),
      );
      const [floorMs] = await sample(1, 0, () => {
        writeDurable(`${floorFile}.tmp`, bytes);
        renameSync(`${floorFile}.tmp`, floorFile);
      });
      if (i >= 0) {
        update.push(commitMs!);
        floor.push(floorMs!);
      }
    }
    const random = seeded(7);
    const create = await sample(Math.ceil(count / 2), 2, () =>
      store.write((r) =>
        r.tasks.create({ prompt: promptText(random, 1024), agent: 'claude', cwd: '/w' }, Date.now()),
      ),
    );
    const f50 = percentile(floor, 50);
    rows.push([
      history.toLocaleString('en'),
      mb(dbBytes),
      `${ms(percentile(update, 50))} / ${ms(percentile(update, 95))}`,
      `${ms(percentile(create, 50))} / ${ms(percentile(create, 95))}`,
      `${ms(f50)} / ${ms(percentile(floor, 95))}`,
      ratio(percentile(update, 50), f50),
    ]);
    const prompts = readdirSync(store.paths.outputDir).filter((f) => f.endsWith('.prompt'));
    const promptBytes = prompts.reduce(
      (sum, f) => sum + statSync(path.join(store.paths.outputDir, f)).size,
      0,
    );
    sizes.push([history.toLocaleString('en'), mb(dbBytes), `${prompts.length} files, ${mb(promptBytes)}`]);
    store.dispose();
  }
  ctx.table(
    `Commit latency, p50 / p95 (${count} commits each)`,
    [
      'finished tasks',
      'state.db',
      'update commit',
      'create commit',
      'floor: write+fsync+rename',
      'update p50 ÷ floor p50',
    ],
    rows,
  );
  ctx.table('Size', ['finished tasks', 'state.db', 'prompt files (output/<id>.prompt)'], sizes);
}
