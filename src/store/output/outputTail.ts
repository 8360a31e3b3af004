/**
 * The one way to show a task's output as it grows: read an opening (the last lines, the last
 * bytes, or everything from an offset), then follow what is appended after it, then — when the
 * task is known to be over — read whatever is left. The output panel, "Open as Text" and
 * `dispatch logs` all do this; each only decides where to start and what to do with the bytes.
 * Every batch is delivered in order and exactly once: the follower starts where the opening
 * ended, and finish() continues from where the follower stopped.
 */
import { followOutput, type OutputFollower } from './outputFollower';
import { type OutputSlice, readFrom, readTail } from './outputReader';

/** Where the opening starts. */
export type TailStart =
  /** The last `lines` lines, at most `maxBytes` bytes (one read). */
  | { lines: number; maxBytes?: number }
  /** The last `bytes` bytes the log keeps. */
  | { lastBytes: number }
  /** Everything from a logical offset (0: all the log keeps; bytes the cap dropped are skipped). */
  | { from: number };

/** Output in order; `skippedBytes` > 0 when the cap dropped bytes before they were read. */
export interface OutputBatch extends OutputSlice {
  skippedBytes: number;
}

export interface OutputTailOptions {
  start: TailStart;
  /** What follow() and finish() find after the opening, in order. */
  onOutput(batch: OutputBatch): void;
  /** The run is over and all its output was delivered; called once. */
  onEnd?(): void;
  onError?(error: Error): void;
  /** The follower's safety-net poll (default 1000 ms). */
  pollMs?: number;
}

/** Where the opening begins, known before any of it is read. */
export interface TailOpening {
  /** Logical offset of the first byte of the opening. */
  start: number;
  /** Bytes the log's cap had dropped from its head. */
  truncatedBytes: number;
  /** Older output exists before `start`. */
  hasOlder: boolean;
}

export interface OutputTail {
  readonly opening: TailOpening;
  /** Delivers the opening to `take` in batches of at most `maxBytes`; resolves when caught up. */
  readOpening(take: (batch: OutputBatch) => void, maxBytes?: number): Promise<void>;
  /** Starts delivering what is appended after the opening to onOutput, until the exit record. */
  follow(): void;
  /** Look for new output now (the caller saw the shared state change). */
  poke(): void;
  /** The task is over: stop following, deliver what is left, then onEnd. */
  finish(): Promise<void>;
  dispose(): void;
}

export async function openOutputTail(
  outputDir: string,
  taskId: string,
  options: OutputTailOptions,
): Promise<OutputTail> {
  const { start } = options;
  if ('lines' in start) {
    const slice = await readTail(outputDir, taskId, { lines: start.lines, maxBytes: start.maxBytes });
    return new Tail(outputDir, taskId, options, slice.start, slice.truncatedBytes, slice);
  }
  if ('lastBytes' in start) {
    // No lines asked for: only where the log ends and how much its cap dropped.
    const probe = await readTail(outputDir, taskId, { lines: 0 });
    const from = Math.max(probe.truncatedBytes, probe.end - start.lastBytes);
    return new Tail(outputDir, taskId, options, from, probe.truncatedBytes);
  }
  return new Tail(outputDir, taskId, options, start.from, 0);
}

class Tail implements OutputTail {
  readonly opening: TailOpening;
  private position: number;
  private follower: OutputFollower | undefined;
  private done = false;

  constructor(
    private readonly outputDir: string,
    private readonly taskId: string,
    private readonly options: OutputTailOptions,
    start: number,
    truncatedBytes: number,
    /** The opening, already read (a tail of lines is one read). */
    private slice?: OutputSlice,
  ) {
    this.position = start;
    this.opening = { start, truncatedBytes, hasOlder: start > truncatedBytes };
  }

  async readOpening(take: (batch: OutputBatch) => void, maxBytes?: number): Promise<void> {
    if (this.slice) {
      const slice = this.slice;
      this.slice = undefined;
      this.position = slice.end;
      take({ ...slice, skippedBytes: 0 });
      return;
    }
    while (!this.done) {
      const batch = await readFrom(this.outputDir, this.taskId, this.position, { maxBytes });
      if (batch.end === this.position) return;
      this.position = batch.end;
      take(batch);
    }
  }

  follow(): void {
    if (this.follower || this.done) return;
    this.follower = followOutput(this.outputDir, this.taskId, {
      from: this.position,
      pollMs: this.options.pollMs,
      onOutput: (batch) => this.deliver(batch),
      onEnd: () => this.end(),
      onError: (error) => this.options.onError?.(error),
    });
  }

  poke(): void {
    this.follower?.poke();
  }

  /**
   * Also ends a task that never wrote an exit record (cancelled while queued, supervisor died),
   * which the follower alone would wait for forever.
   */
  async finish(): Promise<void> {
    if (this.done) return;
    this.follower?.dispose();
    this.follower = undefined;
    for (;;) {
      const batch = await readFrom(this.outputDir, this.taskId, this.position);
      if (this.done || batch.end === this.position) break;
      this.deliver(batch);
    }
    this.end();
  }

  dispose(): void {
    this.done = true;
    this.follower?.dispose();
    this.follower = undefined;
  }

  private deliver(batch: OutputBatch): void {
    if (this.done) return;
    this.position = batch.end;
    this.options.onOutput(batch);
  }

  private end(): void {
    if (this.done) return;
    this.dispose();
    this.options.onEnd?.();
  }
}
