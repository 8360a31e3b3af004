/**
 * Complete lines out of a byte stream, for the verdict parsers. Bounded: a line longer than
 * `maxLineBytes` (a 50 MB flood without a newline) is dropped rather than buffered, since no
 * verdict event is that long.
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

/** The last few KB of a stream, for "what did it say last" in failure messages. */
export class TailKeeper {
  private tail = Buffer.alloc(0);

  constructor(private readonly keepBytes = 4096) {}

  push(chunk: Buffer): void {
    const recent = chunk.length > this.keepBytes ? chunk.subarray(-this.keepBytes) : chunk;
    this.tail = Buffer.concat([this.tail, recent]).subarray(-this.keepBytes);
  }

  /** The last non-empty line, without ANSI colours, cut to `max` characters. */
  lastLine(max = 300): string | undefined {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
    const text = this.tail.toString('utf8').replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');
    const line = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .pop();
    return line && line.length > max ? `${line.slice(0, max - 1)}…` : line;
  }
}
