/**
 * Chunks → lines. The supervisor records output in chunks that can end anywhere — mid-line,
 * between the \r and \n of a CRLF, even mid-escape-sequence — and stdout and stderr interleave.
 * Each stream therefore keeps its own unfinished line, and a line is emitted when its newline
 * arrives. Pure: no DOM.
 */
import type { LineKind, OutputChunk, OutputStream } from '../../src/protocol/outputPanel';

/** One line as printed, escape sequences and lone \r still in it (ansi.ts reads them). */
export interface RawLine {
  stream: OutputStream;
  /** When the line's first character was captured (epoch ms). */
  at: number;
  text: string;
  /** A transcript line's kind (message, tool, noise…); raw output has none. */
  kind?: LineKind;
}

interface Partial {
  at: number;
  text: string;
}

export class LineAssembler {
  private readonly partials = new Map<OutputStream, Partial>();

  /** Adds a chunk; returns the lines it completed, in order. */
  push(chunk: OutputChunk): RawLine[] {
    // A transcript chunk is whole lines already, with nothing to join to another stream's.
    if (chunk.kind) {
      const { stream, at, kind } = chunk;
      return chunk.text
        .replace(/\n$/, '')
        .split('\n')
        .map((text) => ({ stream, at, kind, text: withoutCr(text) }));
    }
    const done: RawLine[] = [];
    const { stream } = chunk;
    let partial = this.partials.get(stream);
    let from = 0;
    for (let nl = chunk.text.indexOf('\n'); nl !== -1; nl = chunk.text.indexOf('\n', from)) {
      const piece = chunk.text.slice(from, nl);
      const text = partial ? partial.text + piece : piece;
      done.push({ stream, at: partial ? partial.at : chunk.at, text: withoutCr(text) });
      partial = undefined;
      from = nl + 1;
    }
    const rest = chunk.text.slice(from);
    if (rest)
      partial = partial ? { at: partial.at, text: partial.text + rest } : { at: chunk.at, text: rest };
    if (partial) this.partials.set(stream, partial);
    else this.partials.delete(stream);
    return done;
  }

  /** The lines still waiting for a newline, oldest first, to show as the live end of the log. */
  pending(): RawLine[] {
    return [...this.partials]
      .map(([stream, p]) => ({ stream, at: p.at, text: withoutCr(p.text) }))
      .sort((a, b) => a.at - b.at);
  }

  /** Ends every unfinished line (the task finished, or a page of older output ended). */
  flush(): RawLine[] {
    const lines = this.pending();
    this.partials.clear();
    return lines;
  }
}

/** Drops the \r of a CRLF (or one still waiting for its \n); a \r inside the line stays. */
function withoutCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
