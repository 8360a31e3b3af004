/**
 * One task's output as plain text that keeps up with the task: the last `maxChars` bytes of what
 * the log keeps (both segments of a rotated log, through the store's reader), then whatever the
 * supervisor appends, until the run ends or the text is disposed. Changes are announced at most
 * once per `refreshMs` (more rarely for a large text): a busy agent prints hundreds of times a
 * second, and each announcement makes the editor fetch and diff the whole text. No vscode: unit-tested on its own.
 */
import { type OutputBatch, type OutputTail, openOutputTail } from '../../store';
import { ChunkDecoder } from './chunkDecoder';
import { PlainLog } from './plainLog';

export interface LiveTextOptions {
  outputDir: string;
  taskId: string;
  /** Characters kept at most; the text opens on the last this many bytes of the log. */
  maxChars: number;
  /** The least time between two onDidChange calls. */
  refreshMs: number;
  /** The text changed (throttled). */
  onDidChange(): void;
  onError(error: Error): void;
  /** The follower's safety-net poll (default 1000 ms). */
  pollMs?: number;
}

/** Bytes per read while opening: large enough to be quick, small enough to stay responsive. */
const READ_BYTES = 8 * 1024 * 1024;
const MB = 1024 * 1024;
const MS_PER_MB = 100;

export class LiveText {
  private tail: OutputTail | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFired = 0;
  private disposed = false;

  private constructor(
    private readonly options: LiveTextOptions,
    private readonly log: PlainLog,
    private readonly decoder: ChunkDecoder,
  ) {}

  /** Reads what the log keeps (bounded), then follows it unless the run is already over. */
  static async open(options: LiveTextOptions): Promise<LiveText> {
    const { outputDir, taskId, maxChars } = options;
    let text: LiveText | undefined;
    const tail = await openOutputTail(outputDir, taskId, {
      start: { lastBytes: maxChars },
      pollMs: options.pollMs,
      onOutput: (batch) => {
        text?.take(batch);
        text?.changed();
      },
      onEnd: () => text?.end(),
      onError: (error) => options.onError(error),
    });
    const { start, truncatedBytes } = tail.opening;
    text = new LiveText(options, new PlainLog({ maxChars, start, truncatedBytes }), new ChunkDecoder());
    text.tail = tail;
    await tail.readOpening((batch) => text.take(batch), READ_BYTES);
    tail.follow();
    return text;
  }

  text(): string {
    return this.log.text();
  }

  /** Look for new output now (the shared state changed: a supervisor may have flushed). */
  poke(): void {
    this.tail?.poke();
  }

  dispose(): void {
    this.disposed = true;
    this.tail?.dispose();
    this.tail = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private take(batch: OutputBatch): void {
    if (this.disposed) return;
    if (batch.skippedBytes > 0) {
      // The cap dropped output before it was read: continue after the hole, not across it.
      this.decoder.reset();
      this.log.restart(batch.start);
    }
    for (const chunk of this.decoder.decode(batch.chunks)) this.log.append(chunk);
  }

  /** The run is over: an incomplete last character is shown as it is, and no more reads happen. */
  private end(): void {
    if (this.disposed) return;
    for (const chunk of this.decoder.flush()) this.log.append(chunk);
    this.tail = undefined;
    this.changed();
  }

  /**
   * The least time between two announcements: `refreshMs`, and longer for a large text — each
   * announcement makes the editor fetch and diff all of it (100 ms more per MB: 5 s at 50 MB).
   */
  get interval(): number {
    return Math.max(this.options.refreshMs, Math.round((this.log.length / MB) * MS_PER_MB));
  }

  private changed(): void {
    if (this.disposed || this.timer) return;
    const wait = this.lastFired + this.interval - Date.now();
    const fire = () => {
      this.timer = undefined;
      this.lastFired = Date.now();
      if (!this.disposed) this.options.onDidChange();
    };
    if (wait <= 0) fire();
    else this.timer = setTimeout(fire, wait);
  }
}
