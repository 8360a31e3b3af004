/**
 * One panel's transcript of a structured agent's task (transcriptLines.ts), read like TaskOutput
 * reads raw output: an opening, then what is appended. A transcript cannot start mid-log (a tool
 * result needs the call it answers), so the opening is the whole log, rendered once; the webview
 * still gets only the last page, and older pages come from the kept lines.
 *
 * A reply's panel shows its thread: each earlier turn's transcript, then "— reply —" and the
 * message it was answered with, then its own output. No vscode: unit-tested on its own.
 */
import { outputFormatOf } from '../../engine/agents';
import type { OutputFormat } from '../../engine/agents/types';
import type { OutputChunk } from '../../protocol/outputPanel';
import { type OutputBatch, type OutputTail, openOutputTail, readFrom } from '../../store';
import type { OutputPage, PanelOutput, TaskOutputOptions } from './taskOutput';
import { PAGE_LINES } from './taskOutput';
import { TranscriptLines } from './transcriptLines';

/** A turn of a reply thread: an earlier task, oldest first, or the task itself (last). */
export interface ThreadTurn {
  taskId: string;
  agent: string;
  /** What the turn was asked: shown under "— reply —" for every turn but the first. */
  prompt: string;
  createdAt: number;
}

export interface TranscriptOutputOptions extends TaskOutputOptions {
  format: OutputFormat;
  /** The turns before this task's own (empty unless it replies to another). */
  earlier: readonly ThreadTurn[];
  /** This task's message, shown under "— reply —" when `earlier` is not empty. */
  prompt: string;
  createdAt: number;
}

export class TranscriptOutput implements PanelOutput {
  private done = false;

  private constructor(
    private readonly options: TranscriptOutputOptions,
    private readonly lines: TranscriptLines,
    private readonly tail: OutputTail,
    readonly first: OutputPage,
  ) {}

  static async open(options: TranscriptOutputOptions): Promise<TranscriptOutput> {
    const { outputDir, taskId, pollMs } = options;
    const lines = new TranscriptLines(options.format);
    for (const [i, turn] of options.earlier.entries()) {
      if (i > 0) replyHeading(lines, turn.prompt, turn.createdAt);
      await readWhole(outputDir, turn, lines);
    }
    if (options.earlier.length > 0) replyHeading(lines, options.prompt, options.createdAt);
    let output: TranscriptOutput | undefined;
    const tail = await openOutputTail(outputDir, taskId, {
      start: { from: 0 },
      pollMs,
      onOutput: (batch) => output?.deliver(batch),
      onEnd: () => output?.end(),
      onError: (error) => options.onError(error),
    });
    let truncatedBytes = tail.opening.truncatedBytes;
    await tail.readOpening((batch) => {
      truncatedBytes = Math.max(truncatedBytes, batch.truncatedBytes);
      lines.push(batch.chunks);
    });
    const page = lines.page(PAGE_LINES);
    output = new TranscriptOutput(options, lines, tail, { ...page, truncatedBytes });
    return output;
  }

  follow(): void {
    if (!this.done) this.tail.follow();
  }

  poke(): void {
    this.tail.poke();
  }

  async finish(): Promise<void> {
    if (!this.done) await this.tail.finish();
  }

  async older(before: number): Promise<{ chunks: OutputChunk[]; hasOlder: boolean }> {
    return this.lines.page(PAGE_LINES, before);
  }

  dispose(): void {
    this.done = true;
    this.tail.dispose();
  }

  private deliver(batch: OutputBatch): void {
    if (this.done) return;
    if (batch.truncatedBytes > this.first.truncatedBytes) this.options.onTruncated(batch.truncatedBytes);
    const added = this.lines.push(batch.chunks);
    if (added.length > 0) this.options.onAppend(added);
  }

  private end(): void {
    if (this.done) return;
    const rest = this.lines.end();
    if (rest.length > 0) this.options.onAppend(rest);
    this.dispose();
  }
}

function replyHeading(lines: TranscriptLines, prompt: string, at: number): void {
  lines.add('thread', '— reply —', at);
  for (const line of prompt.split(/\r?\n/)) lines.add('prompt', `> ${line}`, at);
}

/** An earlier turn, finished: its whole log, rendered and ended. */
async function readWhole(outputDir: string, turn: ThreadTurn, into: TranscriptLines): Promise<void> {
  const own = new TranscriptLines(outputFormatOf(turn.agent));
  let position = 0;
  try {
    for (;;) {
      const slice = await readFrom(outputDir, turn.taskId, position);
      own.push(slice.chunks);
      if (slice.end === position) break;
      position = slice.end;
    }
  } catch {
    // Pruned or deleted since: the thread says so instead of losing the rest of the panel.
    own.add('system', `(the output of task ${turn.taskId} is no longer kept)`, turn.createdAt);
  }
  own.end();
  for (const chunk of own.page(Number.MAX_SAFE_INTEGER).chunks)
    into.add(chunk.kind ?? 'text', chunk.text.slice(0, -1), chunk.at, chunk.stream);
}
