/**
 * Wires an agent's stdout and stderr to its output log, its verdict parser and the "last line"
 * keepers. Flushes on a timer (dispatch.outputFlushIntervalMs) so followers see output within
 * that interval; the log writer also flushes by itself past ~1 MB so a flood never piles up.
 */
import type { ChildProcess } from 'node:child_process';
import type { AgentResult, OutputLogWriter } from '../../store/taskFiles';
import type { VerdictParser } from '../agents/verdicts';
import { LineSplitter, TailKeeper } from './streamLines';

export interface Capture {
  /** Resolves when both pipes have closed, or after `timeoutMs` (then the pipes are destroyed). */
  drained(timeoutMs: number): Promise<void>;
  /** Stops the flush timer and returns what was learnt; the caller closes the writer. */
  finish(): { agentResult: AgentResult | undefined; lastStderr?: string; lastStdout?: string };
}

export function captureOutput(
  child: ChildProcess,
  writer: OutputLogWriter,
  options: { flushIntervalMs: number; parser: VerdictParser | undefined },
): Capture {
  const splitter = options.parser ? new LineSplitter((line) => options.parser?.line(line)) : undefined;
  const tails = { stdout: new TailKeeper(), stderr: new TailKeeper() };
  const closed: Promise<void>[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const pipe = child[stream];
    if (!pipe) continue;
    pipe.on('data', (chunk: Buffer) => {
      writer.append(stream, chunk);
      tails[stream].push(chunk);
      if (stream === 'stdout') splitter?.push(chunk);
    });
    closed.push(new Promise((resolve) => pipe.once('close', resolve)));
  }
  const timer = setInterval(() => writer.flush(), options.flushIntervalMs);
  return {
    async drained(timeoutMs) {
      let timeout: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timeout = setTimeout(() => resolve('late'), timeoutMs);
      });
      // A descendant that escaped the process group can hold the pipes open forever.
      if ((await Promise.race([Promise.all(closed), late])) === 'late') {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
      clearTimeout(timeout);
    },
    finish() {
      clearInterval(timer);
      splitter?.end();
      return {
        agentResult: options.parser?.result(),
        lastStderr: tails.stderr.lastLine(),
        lastStdout: tails.stdout.lastLine(),
      };
    },
  };
}
