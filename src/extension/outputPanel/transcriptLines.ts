/**
 * A structured agent's raw output → the panel's transcript lines, incrementally (the same
 * renderer as `dispatch logs`: engine/agents/transcript). Each line becomes one protocol chunk
 * whose offset is its line number, so the webview's paging works on lines as it does on bytes.
 * The lines are kept (a transcript is a fraction of the raw JSON: tool results are abridged), so
 * older pages are cut from memory instead of re-rendering the log from its start. No vscode, no I/O.
 */
import { createTranscript, type Transcript } from '../../engine/agents/transcript';
import type { OutputFormat } from '../../engine/agents/types';
import type { LineKind, OutputChunk } from '../../protocol/outputPanel';
import type { OutputChunk as ByteChunk } from '../../store';

export class TranscriptLines {
  private readonly transcript: Transcript;
  private readonly kept: OutputChunk[] = [];
  private lastAt = 0;

  constructor(format: OutputFormat) {
    this.transcript = createTranscript(format);
  }

  get count(): number {
    return this.kept.length;
  }

  /** Adds a line of the panel's own (a thread separator, a reply's message). */
  add(kind: LineKind, text: string, at: number, stream: OutputChunk['stream'] = 'system'): OutputChunk[] {
    return this.keep([{ kind, text, stream }], at);
  }

  /** The lines these raw chunks complete, each stamped with the time of the chunk that ended it. */
  push(chunks: readonly ByteChunk[]): OutputChunk[] {
    const out: OutputChunk[] = [];
    for (const chunk of chunks) out.push(...this.keep(this.transcript.chunks([chunk]), chunk.at));
    return out;
  }

  /** The log is complete: what the renderer still held (a streamed message, the footer). */
  end(): OutputChunk[] {
    return this.keep(this.transcript.end(), this.lastAt);
  }

  /** The last `count` lines before line `before` (default: the end), and whether older ones exist. */
  page(count: number, before = this.kept.length): { chunks: OutputChunk[]; hasOlder: boolean } {
    const end = Math.max(0, Math.min(before, this.kept.length));
    const start = Math.max(0, end - count);
    return { chunks: this.kept.slice(start, end), hasOlder: start > 0 };
  }

  private keep(
    lines: readonly { kind: LineKind; text: string; stream: OutputChunk['stream'] }[],
    at: number,
  ): OutputChunk[] {
    this.lastAt = Math.max(this.lastAt, at);
    const first = this.kept.length;
    const added = lines.map(
      (line, i): OutputChunk => ({
        kind: line.kind,
        stream: line.stream,
        at,
        offset: first + i,
        text: `${line.text}\n`,
      }),
    );
    this.kept.push(...added);
    return added;
  }
}
