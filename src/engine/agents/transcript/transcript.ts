/**
 * A task's log as a transcript (types.ts): decode each line with the agent's decoder
 * (agents/events), render the events (render.ts). Plain-text agents keep their lines unchanged.
 * Incremental: feed raw chunks as they are read or followed; a partial last line waits for its
 * newline until end().
 */

import { LineSplitter } from '../../supervisor/streamLines';
import { type AgentEvent, createDecoder } from '../events';
import type { OutputFormat } from '../types';
import { createEventRenderer } from './render';
import type { TranscriptLine } from './types';

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface Transcript {
  /** One complete line of the log, without its newline. */
  line(text: string, stream: LogStream): TranscriptLine[];
  /** Raw chunks in log order (as the store's reader returns them). */
  chunks(chunks: readonly { stream: LogStream; data: Buffer }[]): TranscriptLine[];
  /** The log is complete: its unfinished lines and whatever the decoder held back. */
  end(): TranscriptLine[];
}

export interface TranscriptOptions {
  /** Sees each decoded event too (for what sums a run up: its summary, its commands). */
  onEvent?(event: AgentEvent): void;
}

export function createTranscript(format: OutputFormat, options: TranscriptOptions = {}): Transcript {
  const decoder = createDecoder(format);
  const renderer = createEventRenderer();
  let out: TranscriptLine[] = [];

  const line = (text: string, stream: LogStream): TranscriptLine[] => {
    if (stream === 'system') return renderer.system(text);
    if (!decoder) return [{ kind: 'text', stream, text }];
    return decoder.line(text, stream).flatMap((event) => {
      options.onEvent?.(event);
      return renderer.event(event, stream);
    });
  };
  // One splitter per stream: a stdout line may be continued after a stderr chunk.
  const splitters = Object.fromEntries(
    (['stdout', 'stderr', 'system'] as const).map((stream) => [
      stream,
      new LineSplitter((text) => out.push(...line(text, stream))),
    ]),
  ) as Record<LogStream, LineSplitter>;
  const take = () => {
    const lines = out;
    out = [];
    return lines;
  };

  return {
    line,
    chunks(chunks) {
      for (const chunk of chunks) {
        // Dispatch's notices come after the agent's output: its unfinished lines are finished.
        if (chunk.stream === 'system')
          for (const stream of ['stdout', 'stderr'] as const) splitters[stream].end();
        splitters[chunk.stream].push(chunk.data);
      }
      return take();
    },
    end() {
      for (const splitter of Object.values(splitters)) splitter.end();
      const held = decoder?.end() ?? [];
      for (const event of held) options.onEvent?.(event);
      out.push(...held.flatMap((event) => renderer.event(event, 'stderr')), ...renderer.end());
      return take();
    },
  };
}

/** A whole log at once (tests, contexts). */
export function transcriptOf(
  format: OutputFormat,
  lines: readonly { text: string; stream: LogStream }[],
): TranscriptLine[] {
  const transcript = createTranscript(format);
  return [...lines.flatMap(({ text, stream }) => transcript.line(text, stream)), ...transcript.end()];
}
