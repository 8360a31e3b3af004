/**
 * What `dispatch logs` prints for the output it reads: the agent's own bytes (`--raw`, and every
 * plain-text agent), or the transcript of a structured agent (engine/agents/transcript). Both
 * take output in log order, as read and then as followed, and end on a newline, so nothing
 * printed after them (a notice, the shell prompt) is glued to the last line.
 */
import { createTranscript, type TranscriptLine } from '../engine/agents/transcript';
import type { OutputFormat } from '../engine/agents/types';

export interface LogChunk {
  stream: 'stdout' | 'stderr' | 'system';
  data: Buffer;
}

export interface LogView {
  write(chunks: readonly LogChunk[]): void;
  /** The opening read is done: with a line limit, print the lines kept. */
  opened(): void;
  /** No more output will be read: print what is still held (and the opening, if not yet). */
  end(): void;
}

interface Out {
  write(text: string | Buffer): unknown;
  isTTY?: boolean;
}

/** The bytes as the agent wrote them (a tail of lines was already cut by the reader). */
export function rawView(out: Out): LogView {
  let lastByte = 10;
  return {
    write(chunks) {
      for (const chunk of chunks) {
        if (chunk.data.length === 0) continue;
        // Dispatch's notice after output that did not end its line: "…no newlinedispatch: the agent exited".
        if (chunk.stream === 'system' && lastByte !== 10) out.write('\n');
        out.write(chunk.data);
        lastByte = chunk.data[chunk.data.length - 1];
      }
    },
    opened() {},
    end() {
      if (lastByte !== 10) out.write('\n');
      lastByte = 10;
    },
  };
}

/**
 * The transcript; with `tail`, only its last `tail` lines of what the opening read (the whole
 * log: a transcript line has no fixed place in the raw bytes), and a notice on `notices` when
 * lines were left out.
 */
export function transcriptView(
  format: OutputFormat,
  out: Out,
  options: { tail?: number; notices: { write(text: string): unknown } },
): LogView {
  const transcript = createTranscript(format);
  const dim = out.isTTY === true;
  let held: TranscriptLine[] | undefined = options.tail === undefined ? undefined : [];
  let dropped = 0;
  const print = (lines: TranscriptLine[]) => {
    if (held) {
      held.push(...lines);
      const over = held.length - (options.tail ?? 0);
      if (over > 0) {
        held.splice(0, over);
        dropped += over;
      }
      return;
    }
    if (lines.length > 0) out.write(lines.map((line) => `${shown(line, dim)}\n`).join(''));
  };
  const opened = () => {
    if (!held) return;
    const lines = held;
    held = undefined;
    if (dropped > 0) options.notices.write(`dispatch: … showing the last ${lines.length} transcript lines\n`);
    print(lines);
  };
  return {
    write: (chunks) => print(transcript.chunks(chunks)),
    opened,
    end() {
      // Before the opening is shown when nothing is followed: the held lines count towards --tail.
      print(transcript.end());
      opened();
    },
  };
}

/** Noise is dimmed on a terminal and prefixed elsewhere, so it reads as the CLI's, not the agent's. */
function shown(line: TranscriptLine, dim: boolean): string {
  if (line.kind !== 'noise') return line.text;
  return dim ? `\x1b[2m${line.text}\x1b[22m` : `· ${line.text}`;
}
