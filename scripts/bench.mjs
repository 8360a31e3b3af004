// Runs the benchmarks: every out/test/bench/**/*.bench.js (compiled from test/bench/*.bench.ts).
//   npm run bench                    all of them (builds first)
//   node scripts/bench.mjs store     only modules whose file name contains "store"
//   BENCH_QUICK=1 node scripts/bench.mjs   few samples, to check a bench still runs
//   BENCH_DIR=/some/disk             where temp state directories go (default: the OS temp folder)
// A bench module exports `name` and `async run(ctx)` (ctx: test/bench/lib/context.ts) and prints
// its figures next to a baseline it measures in the same run. Results go to stdout as Markdown.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const filters = process.argv.slice(2);
const benchDir = path.join(root, 'out', 'test', 'bench');

function findBenches(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findBenches(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter(
      (f) =>
        f.endsWith('.bench.js') &&
        (filters.length === 0 || filters.some((w) => path.basename(f).includes(w))),
    )
    .sort();
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown';
}

function fileSystemOf(dir) {
  try {
    return execSync(`df -T ${JSON.stringify(dir)} | tail -1`, { encoding: 'utf8' })
      .trim()
      .split(/\s+/)[1];
  } catch {
    return 'unknown';
  }
}

const scratchRoot = process.env.BENCH_DIR || os.tmpdir();
const scratch = mkdtempSync(path.join(scratchRoot, 'dispatch-bench-'));
const ctx = {
  quick: process.env.BENCH_QUICK === '1',
  tempDir: (label) => mkdtempSync(path.join(scratch, `${label}-`)),
  note: (text) => console.log(`\n${text}`),
  table(title, header, rows) {
    console.log(`\n**${title}**\n`);
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  },
};

const benches = findBenches(benchDir);
if (benches.length === 0) {
  console.error(
    `no benchmarks found under ${benchDir}${filters.length ? ` matching ${filters.join(', ')}` : ''}; run \`node esbuild.mjs --tests\` first`,
  );
  process.exit(1);
}
console.log('# Agent Dispatch benchmarks\n');
console.log(
  `- machine: ${cpuModel()}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory`,
);
console.log(
  `- ${os.type()} ${os.release()}, Node ${process.version}, temp dirs on ${fileSystemOf(scratch)} (${scratchRoot})`,
);
console.log(
  `- date: ${new Date().toISOString()}${ctx.quick ? ' (QUICK mode: too few samples to quote)' : ''}`,
);
let failed = false;
try {
  for (const file of benches) {
    const started = performance.now();
    try {
      const bench = require(file);
      console.log(`\n## ${bench.name ?? path.basename(file)}`);
      await bench.run(ctx);
    } catch (err) {
      failed = true;
      console.error(`\n${path.basename(file)} failed: ${err?.stack ?? err}`);
    }
    console.log(`\n_(${((performance.now() - started) / 1000).toFixed(1)} s)_`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
