/**
 * Complete lines out of a byte stream, for the event decoders. Bounded: a line longer than
 * `maxLineBytes` (a 50 MB flood without a newline) is dropped rather than buffered, since no
 * event the decoders need is that long.
 */
export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private overflowed = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = 8 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.keep(chunk.subarray(start, nl));
      this.emit();
      start = nl + 1;
    }
    this.keep(chunk.subarray(start));
  }

  /** The last line, when the stream ended without a newline. */
  end(): void {
    if (this.partialBytes > 0) this.emit();
  }

  private keep(part: Buffer): void {
    if (this.overflowed || part.length === 0) return;
    if (this.partialBytes + part.length > this.maxLineBytes) {
      this.overflowed = true;
      this.partial = [];
      this.partialBytes = 0;
      return;
    }
    this.partial.push(part);
    this.partialBytes += part.length;
  }

  private emit(): void {
    if (!this.overflowed) this.onLine(Buffer.concat(this.partial).toString('utf8').replace(/\r$/, ''));
    this.partial = [];
    this.partialBytes = 0;
    this.overflowed = false;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** The last few KB of a stream, for "what did it say last" in failure messages. */
export class TailKeeper {
  // The latest chunks, just enough of them to cover `keepBytes`: no copying on the hot path.
  private chunks: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly keepBytes = 4096) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.chunks.length > 1 && this.bytes - this.chunks[0]!.length >= this.keepBytes) {
      this.bytes -= this.chunks.shift()!.length;
    }
  }

  /** The last `count` lines (a final one without a newline counts), without ANSI colours. */
  lastLines(count: number): string {
    const text = Buffer.concat(this.chunks).subarray(-this.keepBytes).toString('utf8').replace(ANSI, '');
    const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    return lines.slice(-count).join('\n');
  }

  /** The last non-empty line, without ANSI colours, cut to `max` characters. */
  lastLine(max = 300): string | undefined {
    const text = Buffer.concat(this.chunks).subarray(-this.keepBytes).toString('utf8').replace(ANSI, '');
    const line = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .pop();
    return line && line.length > max ? `${line.slice(0, max - 1)}…` : line;
  }
}
