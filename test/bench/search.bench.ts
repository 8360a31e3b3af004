/**
 * `dispatch search` over 5,000 tasks holding ~500 MB of output, next to `grep -rli` over the same
 * log files in the same run (the floor: one case-insensitive pass over every byte), and the
 * search's peak RSS next to the same process's RSS before it searched (memory must stay bounded:
 * logs are streamed, never loaded). The dataset is written through the store's own writers, once,
 * into a cached folder under the OS temp folder keyed by DATASET_VERSION.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOutputLog, openStateStore } from '../../src/store';
import type { BenchContext } from './lib/context';
import { ms, percentile, ratio, seeded } from './lib/stats';

export const name = 'search: 5,000 tasks, 500 MB of output, next to grep';

const DATASET_VERSION = 2;
const QUERY = ['quasar', 'nebula'];
const VOCABULARY = (
  'the a test build fix error warning file line function return value module import export type ' +
  'const let async await promise result output input config setting task agent run pass fail ' +
  'check update change commit branch merge review patch diff index source target path folder'
).split(' ');

interface Dataset {
  dir: string;
  tasks: number;
  bytes: number;
}

export async function run(ctx: BenchContext): Promise<void> {
  const tasks = ctx.quick ? 200 : 5000;
  const perTask = 100 * 1024;
  const data = await dataset(tasks, perTask, ctx);
  const outputDir = path.join(data.dir, 'output');
  // grep looks for the rarer word: -l stops at a file's first match, so a common word would flatter it.
  const grepArgs = ['-rli', '--include=*.log', '--include=*.log.1', QUERY[1]!, outputDir];
  const grep = () => spawnSync('grep', grepArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const search = () => {
    const child = spawnSync(process.execPath, ['-e', SEARCH_CHILD, data.dir, ...QUERY], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`search child failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as {
      firstMs: number;
      ms: number;
      matches: number;
      rssBefore: number;
      rssPeak: number;
    };
  };
  // Warm the page cache for both, then alternate so noise hits both alike.
  grep();
  search();
  const grepMs: number[] = [];
  const searchMs: number[] = [];
  const firstMs: number[] = [];
  let last = search();
  const rounds = ctx.quick ? 1 : 5;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const g = grep();
    grepMs.push(performance.now() - t0);
    if (g.status !== 0) throw new Error(`grep failed: ${g.stderr}`);
    last = search();
    searchMs.push(last.ms);
    firstMs.push(last.firstMs);
  }
  const g50 = percentile(grepMs, 50);
  const s50 = percentile(searchMs, 50);
  ctx.table(
    `Search "${QUERY.join(' ')}" over ${data.tasks.toLocaleString('en')} tasks, ${(data.bytes / 1e6).toFixed(0)} MB of logs (p50 of ${rounds})`,
    [
      'search, first in its process',
      'search, again (warm)',
      `grep -rli ${QUERY[1]} (floor)`,
      'search ÷ grep',
      'matches',
      'RSS before',
      'peak RSS',
    ],
    [
      [
        ms(percentile(firstMs, 50)),
        ms(s50),
        ms(g50),
        ratio(s50, g50),
        last.matches,
        `${(last.rssBefore / 1024).toFixed(0)} MB`,
        `${(last.rssPeak / 1024).toFixed(0)} MB`,
      ],
    ],
  );
  ctx.note(
    'The first search in a process also loads and compiles the store and the decoders (the CLI pays it; ' +
      'the editor, whose engine is up, pays the warm figure); the ratio is the warm one. ' +
      'grep looks for one word (it has no AND); the search checks both, decodes the structured logs ' +
      'whose bytes hold them, and reads each matching task through the store.',
  );
}

/** Runs in a child so its peak RSS is the search's own: prints {ms, matches, rssBefore, rssPeak} (KB). */
const SEARCH_CHILD = `
const { openStateStore } = require(${JSON.stringify(path.join(__dirname, '../../src/store'))});
const { searchTasks } = require(${JSON.stringify(path.join(__dirname, '../../src/engine/search'))});
(async () => {
  const [dir, ...words] = process.argv.slice(1);
  const store = await openStateStore({ dir });
  const rssBefore = process.resourceUsage().maxRSS;
  const once = async () => {
    let matches = 0;
    const t0 = performance.now();
    await searchTasks(store, words, { onMatch: () => matches++ });
    return { ms: performance.now() - t0, matches };
  };
  const first = await once();
  const again = await once();
  process.stdout.write(JSON.stringify({ firstMs: first.ms, ms: again.ms, matches: again.matches, rssBefore, rssPeak: process.resourceUsage().maxRSS }));
  store.dispose();
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** The cached dataset, built on first use: rows through the store, logs through its writer. */
async function dataset(tasks: number, perTask: number, ctx: BenchContext): Promise<Dataset> {
  const dir = path.join(tmpdir(), `dispatch-search-bench-v${DATASET_VERSION}-${tasks}`);
  const ready = path.join(dir, 'ready.json');
  if (existsSync(ready)) return { dir, tasks, bytes: Number(JSON.parse(readFileSync(ready, 'utf8')).bytes) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const store = await openStateStore({ dir });
  const random = seeded(42);
  const line = () => {
    const words: string[] = [];
    for (let n = 6 + Math.floor(random() * 10); n > 0; n--)
      words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
    return words.join(' ');
  };
  const lines = Array.from({ length: 4000 }, line);
  const now = Date.now();
  for (let done = 0; done < tasks; ) {
    const batch = Math.min(500, tasks - done);
    const created = await store.write((r) =>
      Array.from({ length: batch }, (_, i) => {
        const structured = (done + i) % 3 !== 0;
        const task = r.tasks.create(
          { prompt: `${line()}\n${line()}`, agent: structured ? 'claude' : 'shell', cwd: '/w' },
          now - (tasks - done - i) * 60_000,
        );
        r.tasks.markRunning(task.id, task.createdAt + 1);
        r.tasks.finish(task.id, {
          state: 'completed',
          exitCode: 0,
          signal: null,
          reason: null,
          endedAt: task.createdAt + 2,
        });
        return { id: task.id, structured };
      }),
    );
    for (const { id, structured } of created) {
      // 1 in 20 logs is capped at a quarter of what it printed, so it rotated.
      const capped = random() < 0.05;
      const writer = openOutputLog({
        outputDir: store.paths.outputDir,
        taskId: id,
        maxBytes: capped ? perTask / 2 : null,
      });
      // Each word in ~3% of logs, both in ~1%; ~3% of structured logs have the first as a JSON key.
      const both = random() < 0.01;
      const plant = [both || random() < 0.03 ? QUERY[0] : '', both || random() < 0.03 ? QUERY[1] : ''];
      const keyed = structured && random() < 0.03;
      const target = capped ? perTask * 2 : perTask;
      let written = 0;
      let k = 0;
      while (written < target) {
        let text = lines[Math.floor(random() * lines.length)]!;
        // Planted words go near the end (so a capped log keeps them); a JSON key never matches.
        if (written > target * 0.9 && k < plant.length) text += plant[k++] ? ` ${plant[k - 1]}` : '';
        const out = structured
          ? `${JSON.stringify({ type: 'assistant', [keyed && written === 0 ? QUERY[0]! : 'session_id']: 's', message: { content: [{ type: 'text', text }] } })}\n`
          : `${text}\n`;
        writer.append('stdout', out);
        written += out.length;
      }
      writer.close();
    }
    done += batch;
  }
  const outputDir = store.paths.outputDir;
  const bytes = readdirSync(outputDir)
    .filter((f) => /\.log(\.1)?$/.test(f))
    .reduce((sum, f) => sum + statSync(path.join(outputDir, f)).size, 0);
  store.dispose();
  writeFileSync(ready, JSON.stringify({ bytes }));
  ctx.note(`built the dataset in ${ms(performance.now() - t0)} (${dir}; reused by later runs)`);
  // Write-back would otherwise still be running during the first measurements.
  execFileSync('sync');
  return { dir, tasks, bytes };
}
