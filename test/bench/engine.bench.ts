/**
 * The engine's own cost (issue #4), each figure next to a baseline measured in the same run:
 *   - delegate → agent process running, vs a raw child_process.spawn of the same command;
 *   - 200 trivial tasks at maxWorkers 8: wall time vs the ideal 200 × (one raw run) / 8;
 *   - the engine's longest event-loop stall while a task floods 50 MB and a follower (an open
 *     output panel) reads it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '../../src/core/config';
import { Engine } from '../../src/engine/engine';
import { followOutput } from '../../src/store/output/outputFollower';
import type { BenchContext } from './lib/context';
import { ms, percentile, ratio } from './lib/stats';

export const name = 'engine: start latency, throughput, event loop under a flood';

const agents = path.resolve(__dirname, '../../..', 'test/fixtures/agents');
const wallNow = () => performance.timeOrigin + performance.now();

async function waitUntil(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function stampOf(dir: string, name: string): number | undefined {
  const file = path.join(dir, `${name}.stamp`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
}

async function openEngine(dir: string, settings: Record<string, unknown>): Promise<Engine> {
  const { config } = parseConfig(settings);
  return Engine.open({
    stateDir: path.join(dir, 'state'),
    workspace: dir,
    config: () => config,
    kind: 'test',
    resources: { admit: () => ({ admitted: true }) },
    // Measure what ships: the bundled supervisor, not the transpiled file-per-module tree.
    supervisorScript: path.resolve(__dirname, '../../..', 'dist', 'supervisor.js'),
  });
}

async function startLatency(ctx: BenchContext): Promise<void> {
  const dir = ctx.tempDir('engine-start');
  const env = { ...process.env, STAMP_DIR: dir };
  const count = ctx.quick ? 5 : 30;
  const raw: number[] = [];
  for (let i = 0; i < count + 3; i++) {
    const started = wallNow();
    const child = spawn(process.execPath, [path.join(agents, 'stamp.js'), `raw${i}`], {
      env,
      stdio: 'ignore',
    });
    await new Promise((r) => child.once('exit', r));
    if (i >= 3) raw.push(stampOf(dir, `raw${i}`)! - started);
  }
  const engine = await openEngine(dir, {
    agents: {
      stamp: {
        command: process.execPath,
        args: [path.join(agents, 'stamp.js'), '${prompt}'],
        env: { STAMP_DIR: dir },
      },
    },
  });
  const dispatched: number[] = [];
  try {
    for (let i = 0; i < count + 3; i++) {
      const started = wallNow();
      const task = await engine.delegate({ prompt: `t${i}`, agent: 'stamp' });
      await waitUntil(() => stampOf(dir, task.id) !== undefined);
      if (i >= 3) dispatched.push(stampOf(dir, task.id)! - started);
      await waitUntil(
        () => engine.resolve(task.id).state !== 'running' && engine.resolve(task.id).state !== 'queued',
      );
    }
  } finally {
    await engine.dispose();
  }
  const overhead = percentile(dispatched, 50) - percentile(raw, 50);
  ctx.table(
    `delegate → agent running (${count} runs each)`,
    ['path', 'p50', 'p95', 'vs raw p50'],
    [
      ['raw child_process.spawn', ms(percentile(raw, 50)), ms(percentile(raw, 95)), '1.00×'],
      [
        'engine.delegate → supervisor → agent',
        ms(percentile(dispatched, 50)),
        ms(percentile(dispatched, 95)),
        ratio(percentile(dispatched, 50), percentile(raw, 50)),
      ],
    ],
  );
  ctx.note(`Overhead p50: ${ms(overhead)} (target ≤ 25 ms).`);
}

async function throughput(ctx: BenchContext): Promise<void> {
  const dir = ctx.tempDir('engine-throughput');
  const tasks = ctx.quick ? 40 : 200;
  const maxWorkers = 8;
  const agent = path.join(agents, 'stamp.js');
  const env = { ...process.env, STAMP_DIR: dir };
  // One raw run of the same trivial agent, start to exit.
  const single: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [agent, `single${i}`], { env, stdio: 'ignore' });
    await new Promise((r) => child.once('exit', r));
    single.push(performance.now() - started);
  }
  const one = percentile(single, 50);
  // The same runs through a plain pool of 8 spawns: what this machine's cores allow at all.
  const poolStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: maxWorkers }, async () => {
      while (next < tasks) {
        const i = next++;
        const child = spawn(process.execPath, [agent, `pool${i}`], { env, stdio: 'ignore' });
        await new Promise((r) => child.once('exit', r));
      }
    }),
  );
  const pool = performance.now() - poolStarted;
  const engine = await openEngine(dir, {
    maxWorkers,
    agents: { stamp: { command: process.execPath, args: [agent, '${prompt}'], env: { STAMP_DIR: dir } } },
  });
  try {
    const started = performance.now();
    for (let i = 0; i < tasks; i++) await engine.delegate({ prompt: `t${i}`, agent: 'stamp' });
    await waitUntil(() => engine.state.read((r) => r.tasks.counts().completed) === tasks, 600_000);
    const wall = performance.now() - started;
    const ideal = (tasks * one) / maxWorkers;
    ctx.table(
      `${tasks} trivial tasks, maxWorkers ${maxWorkers}`,
      ['measure', 'value'],
      [
        ['one raw run (spawn → exit), p50', ms(one)],
        [`ideal: ${tasks} × one / ${maxWorkers}`, ms(ideal)],
        [`raw spawn pool of ${maxWorkers}, same ${tasks} runs`, `${ms(pool)} (${ratio(pool, ideal)} ideal)`],
        ['engine wall time (first delegate → last completed)', ms(wall)],
        ['engine / ideal', ratio(wall, ideal)],
        ['engine / raw pool', ratio(wall, pool)],
      ],
    );
  } finally {
    await engine.dispose();
  }
}

async function floodStall(ctx: BenchContext): Promise<void> {
  const dir = ctx.tempDir('engine-flood');
  const floodMB = ctx.quick ? 5 : 50;
  const engine = await openEngine(dir, {
    agents: { fake: { command: process.execPath, args: [path.join(agents, 'fake-agent.js'), '${prompt}'] } },
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  try {
    const task = await engine.delegate({ prompt: `flood:${floodMB}`, agent: 'fake' });
    let received = 0;
    const follower = followOutput(engine.state.paths.outputDir, task.id, {
      onOutput: (batch) => {
        for (const chunk of batch.chunks) received += chunk.data.length;
      },
    });
    const poke = engine.onDidChange(() => follower.poke());
    delay.enable();
    await waitUntil(() => engine.resolve(task.id).state === 'completed', 300_000);
    await waitUntil(() => received >= floodMB * 1024 * 1024, 30_000);
    delay.disable();
    poke.dispose();
    follower.dispose();
    ctx.table(
      `engine event loop while a task floods ${floodMB} MB and a follower reads it all`,
      ['measure', 'value'],
      [
        ['event-loop delay p50', ms(delay.percentile(50) / 1e6)],
        ['event-loop delay p99', ms(delay.percentile(99) / 1e6)],
        ['longest stall', `${ms(delay.max / 1e6)} (target ≤ 50 ms)`],
        ['bytes delivered to the follower', `${(received / 1024 / 1024).toFixed(1)} MB`],
      ],
    );
  } finally {
    await engine.dispose();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  await startLatency(ctx);
  await throughput(ctx);
  await floodStall(ctx);
}
