/**
 * A task's output as the plain text "Open as Text" shows, built up as the output is read: whole
 * lines are stripped once and kept; the line still being written is kept raw (a sequence may be
 * cut in two, a `\r` may yet redraw it) and stripped each time the text is asked for. At most
 * `maxChars` are kept; older lines fall off the head, and the first line of the text says how much
 * of the output is not shown and why. Pure: no vscode, no I/O.
 */
import { compactLine, plainLine, plainLines } from './plainText';

export interface PlainLogOptions {
  /** Characters kept at most (about bytes: stripping only shortens). */
  maxChars: number;
  /** Logical offset of the first byte that will be appended. */
  start: number;
  /** Bytes the log's cap had dropped from its head when reading began. */
  truncatedBytes: number;
}

/** Decoded output; `offset` is the logical offset of its first byte. */
export interface TextPiece {
  offset: number;
  text: string;
}

/** Past this, a line still being written is shortened to its last redraw (compactLine). */
const COMPACT_AT = 64 * 1024;
/** How far into its first line a bounded text looks for the start of the next one. */
const SKIP_AT_MOST = 64 * 1024;

export class PlainLog {
  /** Whole stripped lines, oldest first, each with the logical offset it began at. */
  private parts: TextPiece[] = [];
  private size = 0;
  private pending = '';
  private pendingOffset: number;
  /** Logical offset of the first byte shown; what lies before it is announced, not shown. */
  private shownFrom: number;
  /** Why output before shownFrom is missing: the log's cap, or this view's own bound. */
  private reason: 'cap' | 'bound';
  private joined: string | undefined;
  /**
   * Where reading began mid-log (the cap or the bound cut it anywhere), while the line it most
   * likely cut short is being left out.
   */
  private skipFrom: number | undefined;

  constructor(private readonly options: PlainLogOptions) {
    this.pendingOffset = options.start;
    this.shownFrom = options.start;
    this.reason = options.start <= options.truncatedBytes ? 'cap' : 'bound';
    this.skipFrom = options.start > 0 ? options.start : undefined;
  }

  append(piece: TextPiece): void {
    const { offset, text } = this.skipFrom === undefined ? piece : this.skipCutLine(piece, this.skipFrom);
    if (!text) return;
    if (!this.pending) this.pendingOffset = offset;
    this.joined = undefined;
    const newline = text.lastIndexOf('\n');
    if (newline < 0) {
      this.pending += text;
      if (this.pending.length > COMPACT_AT && text.includes('\r')) this.pending = compactLine(this.pending);
      if (this.pending.length > this.options.maxChars) this.boundPending(offset, text);
      return;
    }
    const lines = plainLines(this.pending + text.slice(0, newline + 1));
    this.parts.push({ offset: this.pendingOffset, text: lines });
    this.size += lines.length;
    this.pending = text.slice(newline + 1);
    this.pendingOffset = offset + Buffer.byteLength(text.slice(0, newline + 1));
    this.dropHead();
  }

  /**
   * Output between what was read and `offset` is gone (the cap dropped it unread): start over
   * there, so the text never has a hole in the middle.
   */
  restart(offset: number): void {
    this.parts = [];
    this.size = 0;
    this.pending = '';
    this.pendingOffset = offset;
    this.shownFrom = offset;
    this.reason = 'cap';
    this.skipFrom = offset;
    this.joined = undefined;
  }

  /** Characters held (about the document's length). */
  get length(): number {
    return this.size + this.pending.length;
  }

  /** The document's text: the notice (if output is missing), the kept lines, the unfinished one. */
  text(): string {
    this.joined ??= this.parts.map((p) => p.text).join('');
    return `${this.notice()}${this.joined}${plainLine(this.pending)}`;
  }

  private notice(): string {
    if (this.shownFrom <= 0) return '';
    const size = formatSize(this.shownFrom);
    return this.reason === 'cap'
      ? `[The first ${size} of output were dropped (setting dispatch.maxOutputMB).]\n`
      : `[The first ${size} of output are not shown: Open as Text keeps the last ${formatSize(this.options.maxChars)}.]\n`;
  }

  private dropHead(): void {
    while (this.size + this.pending.length > this.options.maxChars && this.parts.length > 0) {
      this.size -= this.parts.shift()!.text.length;
      this.shownFrom = this.parts[0]?.offset ?? this.pendingOffset;
      this.reason = 'bound';
    }
  }

  private skipCutLine({ offset, text }: TextPiece, from: number): TextPiece {
    const newline = text.indexOf('\n');
    if (newline < 0 && offset + Buffer.byteLength(text) - from <= SKIP_AT_MOST) {
      this.shownFrom = this.pendingOffset = offset + Buffer.byteLength(text);
      return { offset, text: '' };
    }
    this.skipFrom = undefined;
    if (newline < 0) return { offset, text };
    const rest = {
      offset: offset + Buffer.byteLength(text.slice(0, newline + 1)),
      text: text.slice(newline + 1),
    };
    this.shownFrom = this.pendingOffset = rest.offset;
    return rest;
  }

  /** One line longer than the whole bound: keep its end. */
  private boundPending(offset: number, text: string): void {
    this.parts = [];
    this.size = 0;
    this.pending = this.pending.slice(-this.options.maxChars);
    const end = offset + Buffer.byteLength(text);
    this.pendingOffset = Math.max(this.shownFrom, end - Buffer.byteLength(this.pending));
    this.shownFrom = this.pendingOffset;
    this.reason = 'bound';
  }
}

/** 512 B, 3.4 KB, 12.0 MB, 1.2 GB (powers of 1024, as dispatch.maxOutputMB counts). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
