/**
 * The lines the panel holds: chunks assembled into lines (lineBuffer), styled (ansi), and kept up
 * to a cap so a task that prints for hours cannot exhaust the webview's memory — past the cap the
 * oldest lines go and `dropped` says how many. Lines still waiting for their newline are kept
 * apart (`pending`) and shown after the finished ones. Pure: no DOM.
 */
import type { LineKind, OutputChunk, OutputStream } from '../../src/protocol/outputPanel';
import { type AnsiState, PLAIN_STATE, parseAnsiLine, type StyledLine } from './ansi';
import { LineAssembler, type RawLine } from './lineBuffer';

export interface LogLine extends StyledLine {
  stream: OutputStream;
  at: number;
  /** A transcript line's kind; raw output has none. */
  kind?: LineKind;
}

/** 200,000 lines of ~100 characters is ~40 MB of strings: large, and still safe in a webview. */
export const DEFAULT_MAX_LINES = 200_000;

export class LogModel {
  private lines: LogLine[] = [];
  /** Index of the first kept line in `lines` (dropping from the head is O(1) until compaction). */
  private head = 0;
  private pendingLines: LogLine[] = [];
  private assembler = new LineAssembler();
  private states = new Map<OutputStream, AnsiState>();
  /** Lines dropped from the head because of the cap, since the last reset. */
  dropped = 0;

  constructor(readonly maxLines = DEFAULT_MAX_LINES) {}

  /** Finished lines plus pending ones: the rows the view shows. */
  get count(): number {
    return this.lines.length - this.head + this.pendingLines.length;
  }

  /** Finished lines only (they never change once added, so find can index them). */
  get finishedCount(): number {
    return this.lines.length - this.head;
  }

  /** No room for older lines. */
  get full(): boolean {
    return this.finishedCount >= this.maxLines;
  }

  line(index: number): LogLine | undefined {
    const finished = this.lines.length - this.head;
    return index < finished ? this.lines[this.head + index] : this.pendingLines[index - finished];
  }

  reset(): void {
    this.lines = [];
    this.head = 0;
    this.pendingLines = [];
    this.assembler = new LineAssembler();
    this.states.clear();
    this.dropped = 0;
  }

  /** Adds new output at the end; returns how many finished lines were dropped from the head. */
  append(chunks: readonly OutputChunk[]): number {
    for (const chunk of chunks) {
      for (const raw of this.assembler.push(chunk)) this.lines.push(this.style(raw, true));
    }
    this.pendingLines = this.assembler.pending().map((raw) => this.style(raw, false));
    return this.enforceCap();
  }

  /** The task ended: its unfinished lines are final. */
  finish(): void {
    for (const raw of this.assembler.flush()) this.lines.push(this.style(raw, true));
    this.pendingLines = [];
  }

  /**
   * Adds an older page before the first line; returns how many lines were added. A page that
   * would pass the cap keeps only its newest lines.
   */
  prepend(chunks: readonly OutputChunk[]): number {
    const assembler = new LineAssembler();
    const states = new Map<OutputStream, AnsiState>();
    const page: LogLine[] = [];
    const add = (raw: RawLine) => {
      const { line, state } = parseAnsiLine(raw.text, states.get(raw.stream) ?? PLAIN_STATE);
      states.set(raw.stream, state);
      page.push({ ...line, stream: raw.stream, at: raw.at, ...(raw.kind ? { kind: raw.kind } : {}) });
    };
    for (const chunk of chunks) for (const raw of assembler.push(chunk)) add(raw);
    for (const raw of assembler.flush()) add(raw);
    const room = Math.max(0, this.maxLines - this.finishedCount);
    const kept = page.length > room ? page.slice(page.length - room) : page;
    this.lines = kept.concat(this.lines.slice(this.head));
    this.head = 0;
    return kept.length;
  }

  /** Every line's text, for Copy. */
  text(): string {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.line(i)!.text);
    return out.join('\n');
  }

  private style(raw: RawLine, commit: boolean): LogLine {
    const { line, state } = parseAnsiLine(raw.text, this.states.get(raw.stream) ?? PLAIN_STATE);
    // A pending line is parsed again when it grows, so only a finished one moves the state on.
    if (commit) this.states.set(raw.stream, state);
    const styled: LogLine = { text: line.text, spans: line.spans, stream: raw.stream, at: raw.at };
    if (raw.kind) styled.kind = raw.kind;
    return styled;
  }

  private enforceCap(): number {
    const over = this.finishedCount - this.maxLines;
    if (over <= 0) return 0;
    this.head += over;
    this.dropped += over;
    // Compact once a tenth of the cap is dead: memory stays near the cap, and the O(n) copy runs
    // once per maxLines/10 lines dropped.
    if (this.head >= this.maxLines / 10) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return over;
  }
}
