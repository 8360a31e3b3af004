/**
 * Wires an agent's stdout and stderr to its output log, its event decoder (both streams: the
 * CLIs print errors and retries on either) and the "last line" keepers. The decoded events fold
 * into the task's result; a retry is also passed on at once, so a running task can say it is
 * retrying. Flushes on a timer (dispatch.outputFlushIntervalMs) so followers see output within
 * that interval; the log writer also flushes by itself past ~1 MB so a flood never piles up.
 */
import type { ChildProcess } from 'node:child_process';
import type { AgentResult, OutputLogWriter } from '../../store/taskFiles';
import type { AgentEvent, EventDecoder, OutputStream } from '../agents/events';
import type { LimitMatcher } from '../agents/limitPattern';
import { createResultFold } from '../agents/resultFold';
import { LineSplitter, TailKeeper } from './streamLines';

export interface Capture {
  /** Resolves when both pipes have closed, or after `timeoutMs` (then the pipes are destroyed). */
  drained(timeoutMs: number): Promise<void>;
  /** Stops the flush timer and returns what was learnt; the caller closes the writer. */
  finish(exitCode: number | null): {
    agentResult: AgentResult | undefined;
    lastStderr?: string;
    lastStdout?: string;
  };
}

export type RetryEvent = Extract<AgentEvent, { kind: 'retry' }>;

export function captureOutput(
  child: ChildProcess,
  writer: OutputLogWriter,
  options: {
    flushIntervalMs: number;
    decoder: EventDecoder | undefined;
    /** `limitPattern`: marks a line as the usage limit, for any agent. */
    limitMatcher?: LimitMatcher | undefined;
    onRetry?: (retry: RetryEvent) => void;
  },
): Capture {
  const { decoder, limitMatcher, onRetry } = options;
  let limitSeen = false;
  const decode = (line: string, stream: OutputStream): AgentEvent[] => {
    const events = decoder ? decoder.line(line, stream) : [];
    const limit = limitMatcher?.(line);
    if (limit) {
      limitSeen = true;
      events.push(limit);
    }
    return events;
  };
  const fold = createResultFold();
  const take = (events: AgentEvent[], stream: OutputStream) => {
    fold.add(events, stream);
    for (const event of events) if (event.kind === 'retry') onRetry?.(event);
  };
  const tails = { stdout: new TailKeeper(), stderr: new TailKeeper() };
  const closed: Promise<void>[] = [];
  const splitters: LineSplitter[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const pipe = child[stream];
    if (!pipe) continue;
    const splitter =
      (decoder || limitMatcher) && new LineSplitter((line) => take(decode(line, stream), stream));
    if (splitter) splitters.push(splitter);
    pipe.on('data', (chunk: Buffer) => {
      writer.append(stream, chunk);
      tails[stream].push(chunk);
      splitter?.push(chunk);
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
    finish(exitCode) {
      clearInterval(timer);
      for (const splitter of splitters) splitter.end();
      if (decoder) take(decoder.end(), 'stderr');
      return {
        // A plain-text agent has no verdict of its own: its limit counts only if it exited non-zero.
        agentResult: decoder || (limitSeen && exitCode !== 0) ? fold.result(exitCode) : undefined,
        lastStderr: tails.stderr.lastLine(),
        lastStdout: tails.stdout.lastLine(),
      };
    },
  };
}
