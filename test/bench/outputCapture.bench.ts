/**
 * The output path under a flood (architecture.md §3, weakness #4): a child writes 50 MB as fast as it
 * can, a real supervisor captures it into output/<id>.log + .idx, and the figures are set next
 * to the floor measured in the same run — the same producer writing straight to a file.
 *   - capture rate: bytes / (agent spawned → exit record written), vs `producer > file`;
 *   - bytes on disk / bytes produced (cap above the flood), and what a cap keeps of a bigger one;
 *   - what a 100-line tail of the result costs to read.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AgentLaunch } from '../../src/engine/agents/types';
import { launchSupervisor } from '../../src/engine/launch/launcher';
import { outputFiles } from '../../src/store/output/outputFormat';
import { readTail } from '../../src/store/output/outputReader';
import { nodeReaderIo } from '../../src/store/output/outputSnapshot';
import { type ExitRecord, readExitRecord } from '../../src/store/output/taskRecords';
import type { BenchContext } from './lib/context';
import { percentile } from './lib/stats';

export const name = 'output: capture throughput, overhead on disk, tail cost';

const MB = 1024 * 1024;
const FLOOD_MB = 50;
const fakeAgent = path.resolve(__dirname, '../../..', 'test/fixtures/agents/fake-agent.js');

/** Mixed lines of plausible length with some ANSI colour, like a chatty agent. */
function makeFloodFile(file: string): void {
  const lines: string[] = [];
  for (let i = 0; lines.join('').length < MB; i++) {
    const word = ['build', 'test', 'lint', 'fetch', 'write', 'read'][i % 6]!;
    lines.push(
      i % 5 === 0 ? `\x1b[33m${word}\x1b[0m step ${i}: ok\n` : `${word} ${'.'.repeat(i % 90)} ${i}\n`,
    );
  }
  const block = Buffer.from(lines.join('')).subarray(0, MB);
  const fd = openSync(file, 'w');
  for (let i = 0; i < FLOOD_MB; i++) writeFileSync(fd, block);
  closeSync(fd);
}

/** `producer > file`: the floor. */
function direct(command: string, args: string[], outFile: string): Promise<number> {
  const fd = openSync(outFile, 'w');
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', fd, 'ignore'] });
  return new Promise((resolve) =>
    child.once('exit', () => {
      closeSync(fd);
      resolve(performance.now() - started);
    }),
  );
}

/** The same producer piped into a Node process that only counts: the ceiling of any Node reader. */
function nodeReader(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.on('data', () => {});
  return new Promise((resolve) => child.once('close', () => resolve(performance.now() - started)));
}

async function captured(
  outputDir: string,
  taskId: string,
  launch: AgentLaunch,
  maxOutputBytes: number,
): Promise<ExitRecord> {
  launchSupervisor({
    taskId,
    paths: { outputDir },
    launch,
    cwd: outputDir,
    flushIntervalMs: 1000,
    maxOutputBytes,
    killGraceMs: 5000,
    timeoutMs: null,
    // The bundle the extension and CLI start, not a transpile.
    supervisorScript: path.resolve(__dirname, '../../..', 'dist', 'supervisor.js'),
  });
  for (;;) {
    const exit = readExitRecord(outputDir, taskId);
    if (exit) return exit;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function diskBytes(outputDir: string, taskId: string): number {
  const files = outputFiles(outputDir, taskId);
  return [files.log, files.previousLog, files.index]
    .filter(existsSync)
    .reduce((n, f) => n + statSync(f).size, 0);
}

const launchOf = (command: string, args: string[]): AgentLaunch => ({
  agent: 'bench',
  command,
  args,
  env: { ...(process.env as Record<string, string>) },
  shell: false,
  outputFormat: 'text',
});

export async function run(ctx: BenchContext): Promise<void> {
  const dir = ctx.tempDir('output');
  const source = path.join(dir, 'flood.txt');
  makeFloodFile(source);
  const producers: [string, string, string[]][] = [
    ['cat of a 50 MB file', 'cat', [source]],
    ['node writing 50 MB in 64 KB writes', process.execPath, [fakeAgent, `flood:${FLOOD_MB}`]],
  ];
  const rounds = ctx.quick ? 1 : 5;
  const rows: string[][] = [];
  let sampleTask: { outputDir: string; taskId: string; exit: ExitRecord } | undefined;
  for (const [label, command, args] of producers) {
    const floor: number[] = [];
    const ceiling: number[] = [];
    const capture: number[] = [];
    const endToEnd: number[] = [];
    let disk = 0;
    let exit: ExitRecord | undefined;
    for (let round = 0; round < rounds; round++) {
      floor.push(await direct(command, args, path.join(dir, `direct-${round}.txt`)));
      ceiling.push(await nodeReader(command, args));
      const outputDir = ctx.tempDir('captured');
      const taskId = `bench${String(round).padStart(7, '0')}`;
      const started = Date.now();
      exit = await captured(outputDir, taskId, launchOf(command, args), 100 * MB);
      endToEnd.push(Date.now() - started);
      capture.push(exit.endedAt - exit.startedAt!);
      const files = outputFiles(outputDir, taskId);
      disk = [files.log, files.previousLog, files.index]
        .filter(existsSync)
        .reduce((n, f) => n + statSync(f).size, 0);
      sampleTask = { outputDir, taskId, exit };
    }
    const produced = exit!.outputBytes;
    const rate = (msList: number[]) => (produced / MB / (percentile(msList, 50) / 1000)).toFixed(0);
    rows.push([
      label,
      `${rate(floor)} MB/s`,
      `${rate(ceiling)} MB/s`,
      `${rate(capture)} MB/s (${(percentile(floor, 50) / percentile(capture, 50)).toFixed(2)}×)`,
      `${rate(endToEnd)} MB/s`,
      `${(disk / produced).toFixed(4)}`,
    ]);
  }
  ctx.table(
    `${FLOOD_MB} MB flood, median of ${rounds}, cap 100 MB`,
    [
      'producer',
      '`producer > file`',
      'piped into a bare Node reader',
      'captured (vs `> file`)',
      'end to end incl. supervisor start',
      'disk / produced',
    ],
    rows,
  );
  if (!ctx.quick) {
    // The default cap (dispatch.maxOutputMB = 50) against three times as much output.
    const outputDir = ctx.tempDir('capped');
    const exit = await captured(
      outputDir,
      'capped000001',
      launchOf('sh', ['-c', `cat "$1" "$1" "$1"`, 'sh', source]),
      50 * MB,
    );
    ctx.note(
      `Cap: ${(exit.outputBytes / MB).toFixed(1)} MB produced under the default 50 MB cap → ` +
        `${(diskBytes(outputDir, 'capped000001') / MB).toFixed(1)} MB on disk (the tail; kept bytes stay between cap/2 and cap), ` +
        `${(exit.truncatedBytes / MB).toFixed(1)} MB recorded as truncated.`,
    );
  }
  if (sampleTask) {
    let bytesRead = 0;
    const io = {
      async open(file: string) {
        const handle = await nodeReaderIo.open(file);
        return (
          handle && {
            ...handle,
            read: async (into: Buffer, offset: number, length: number, position: number) => {
              const n = await handle.read(into, offset, length, position);
              bytesRead += n;
              return n;
            },
          }
        );
      },
    };
    const started = performance.now();
    const tail = await readTail(sampleTask.outputDir, sampleTask.taskId, { lines: 100, io });
    const took = performance.now() - started;
    const returned = tail.end - tail.start;
    ctx.note(
      `Tail of the last 100 lines of that ${FLOOD_MB} MB log: ${returned} bytes returned, ${bytesRead} bytes read ` +
        `(index included), ${took.toFixed(2)} ms; ${statSync(outputFiles(sampleTask.outputDir, sampleTask.taskId).index).size} bytes of index.`,
    );
  }
}
