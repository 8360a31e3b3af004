/**
 * One panel's view of a task's output as text: a first page (the tail), then everything appended
 * after it, whichever process writes the log (architecture.md §6: the log is the truth, and every read
 * costs what it returns, never the size of the log). No vscode: unit-tested on its own.
 */
import type { OutputChunk } from '../../protocol/outputPanel';
import { type OutputBatch, type OutputTail, openOutputTail, readTail } from '../../store';
import { ChunkDecoder } from './chunkDecoder';

/** Lines per page: enough to fill any screen many times over, and small to send (~100 KB). */
export const PAGE_LINES = 2_000;
/** Bytes per page at most, for logs with very long lines. */
export const PAGE_BYTES = 1024 * 1024;

export interface OutputPage {
  chunks: OutputChunk[];
  /** Older output exists before the first chunk. */
  hasOlder: boolean;
  /** Bytes the cap dropped from the head of the log. */
  truncatedBytes: number;
}

/** What a panel reads its output through: raw (this file) or a transcript (transcriptOutput.ts). */
export interface PanelOutput {
  /** The opening page, to send before anything is appended. */
  readonly first: OutputPage;
  follow(): void;
  poke(): void;
  finish(): Promise<void>;
  /** The page that ends before `before` (a byte offset, or a line number in a transcript). */
  older(before: number): Promise<{ chunks: OutputChunk[]; hasOlder: boolean }>;
  dispose(): void;
}

export interface TaskOutputOptions {
  outputDir: string;
  taskId: string;
  /** New output, in order, once follow() was called. */
  onAppend(chunks: OutputChunk[]): void;
  /** The cap dropped more of the log's head. */
  onTruncated(truncatedBytes: number): void;
  onError(error: Error): void;
  /** The follower's safety-net poll (default 1000 ms). */
  pollMs?: number;
}

/** A page of older output: the lines that end at logical offset `before`. */
export async function readPage(outputDir: string, taskId: string, before?: number): Promise<OutputPage> {
  const slice = await readTail(outputDir, taskId, { lines: PAGE_LINES, before, maxBytes: PAGE_BYTES });
  const decoder = new ChunkDecoder();
  return {
    chunks: [...decoder.decode(slice.chunks), ...decoder.flush()],
    hasOlder: slice.start > slice.truncatedBytes,
    truncatedBytes: slice.truncatedBytes,
  };
}

export class TaskOutput implements PanelOutput {
  private truncated: number;
  private done = false;

  private constructor(
    private readonly options: TaskOutputOptions,
    private readonly tail: OutputTail,
    private readonly decoder: ChunkDecoder,
    /** The tail, to send before anything is appended. */
    readonly first: OutputPage,
  ) {
    this.truncated = first.truncatedBytes;
  }

  /** Reads the tail. Nothing reaches onAppend before follow() or finish(), so the tail goes first. */
  static async open(options: TaskOutputOptions): Promise<TaskOutput> {
    const { outputDir, taskId, pollMs } = options;
    let output: TaskOutput | undefined;
    const tail = await openOutputTail(outputDir, taskId, {
      start: { lines: PAGE_LINES, maxBytes: PAGE_BYTES },
      pollMs,
      onOutput: (batch) => output?.deliver(batch),
      onEnd: () => output?.end(),
      onError: (error) => options.onError(error),
    });
    // The tail may end mid-character; this decoder carries those bytes over into the first append.
    const decoder = new ChunkDecoder();
    let first: OutputPage = { chunks: [], hasOlder: false, truncatedBytes: 0 };
    await tail.readOpening((slice) => {
      first = {
        chunks: decoder.decode(slice.chunks),
        hasOlder: tail.opening.hasOlder,
        truncatedBytes: slice.truncatedBytes,
      };
    });
    output = new TaskOutput(options, tail, decoder, first);
    return output;
  }

  /** Starts delivering what is appended after the tail. */
  follow(): void {
    if (!this.done) this.tail.follow();
  }

  /** Look for new output now: the shared state changed, so a supervisor may have flushed. */
  poke(): void {
    this.tail.poke();
  }

  /** The task is finished: stop following and deliver whatever is left (see OutputTail.finish). */
  async finish(): Promise<void> {
    if (!this.done) await this.tail.finish();
  }

  older(before: number): Promise<OutputPage> {
    return readPage(this.options.outputDir, this.options.taskId, before);
  }

  dispose(): void {
    this.done = true;
    this.tail.dispose();
  }

  private deliver(batch: OutputBatch): void {
    if (this.done) return;
    if (batch.skippedBytes > 0) this.decoder.reset();
    if (batch.truncatedBytes > this.truncated) {
      this.truncated = batch.truncatedBytes;
      this.options.onTruncated(this.truncated);
    }
    const chunks = this.decoder.decode(batch.chunks);
    if (chunks.length > 0) this.options.onAppend(chunks);
  }

  private end(): void {
    if (this.done) return;
    const rest = this.decoder.flush();
    if (rest.length > 0) this.options.onAppend(rest);
    this.dispose();
  }
}
