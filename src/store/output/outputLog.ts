/**
 * Appends a task's output to `output/<id>.log` + `<id>.idx` (format: outputFormat.ts). One writer
 * per task — its supervisor — so there is no locking; readers in any process follow along.
 *
 * Cost model (weakness #4 of the original rewrote a whole snapshot every flush): chunks are held
 * in memory until flush() — called on a timer by the supervisor — or until `flushThresholdBytes`
 * are pending; a flush is one writev of the data and one write of the index records, data first,
 * so a reader never sees a record before its bytes. Consecutive chunks of the same stream within
 * `mergeWindowMs` share one record, so a 50 MB flood costs a handful of 44-byte records.
 * Writes are synchronous on purpose: the supervisor does nothing else, and a sync write is the
 * simplest way to keep record order and to finish everything before the exit record.
 */
import { DispatchError, messageOf } from '../../core/errors';
import {
  encodeRecord,
  type IndexRecord,
  type OutputStream,
  outputFiles,
  RECORD_SIZE,
  segmentOf,
  segmentSizeFor,
} from './outputFormat';
import { SegmentFiles } from './outputSegments';

export interface OutputLogOptions {
  outputDir: string;
  taskId: string;
  /** Keep at most this many bytes, always the tail; 0 or null: keep everything. */
  maxBytes?: number | null;
  /** Pending bytes that trigger a write without waiting for flush(). Default 1 MiB. */
  flushThresholdBytes?: number;
  /** Same-stream chunks arriving within this window share one index record. Default 50 ms. */
  mergeWindowMs?: number;
  now?: () => number;
}

export interface OutputLogStats {
  /** Bytes appended since the task started (the logical end of the log), truncated ones included. */
  bytes: number;
  /** Lines appended, counting a final line without a newline. */
  lines: number;
  /** Bytes dropped from the head to respect the cap (the first logical offset still kept). */
  truncatedBytes: number;
}

export interface OutputLogWriter {
  append(stream: OutputStream, data: Buffer | string): void;
  /** Writes everything pending. */
  flush(): void;
  /** Flushes and closes the files; later appends throw. Idempotent. */
  close(): void;
  stats(): OutputLogStats;
}

/** Opens (creating if needed) a task's log for appending; an existing log is continued. */
export function openOutputLog(options: OutputLogOptions): OutputLogWriter {
  return new OutputLog(options);
}

interface Pending {
  kind: OutputStream;
  at: number;
  chunks: Buffer[];
}

interface Piece extends IndexRecord {
  segment: number;
  chunks: Buffer[];
}

class OutputLog implements OutputLogWriter {
  private readonly logFile: string;
  private readonly threshold: number;
  private readonly mergeWindowMs: number;
  private readonly now: () => number;
  private files: SegmentFiles | undefined;
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private end: number;
  private newlines = 0;
  private endsWithNewline = true;
  /** Remembered at close, when the segment files are gone. */
  private firstKept = 0;

  constructor(options: OutputLogOptions) {
    const files = outputFiles(options.outputDir, options.taskId);
    this.logFile = files.log;
    this.threshold = options.flushThresholdBytes ?? 1024 * 1024;
    this.mergeWindowMs = options.mergeWindowMs ?? 50;
    this.now = options.now ?? Date.now;
    this.files = this.io('open', () => new SegmentFiles(files, segmentSizeFor(options.maxBytes)));
    this.end = this.files.initialEnd;
  }

  append(stream: OutputStream, data: Buffer | string): void {
    if (!this.files) throw new DispatchError('io', `the output log ${this.logFile} is closed`);
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    if (chunk.length === 0) return;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.newlines++;
    this.endsWithNewline = chunk[chunk.length - 1] === 10;
    const at = this.now();
    const last = this.pending[this.pending.length - 1];
    if (last && last.kind === stream && at - last.at <= this.mergeWindowMs) last.chunks.push(chunk);
    else this.pending.push({ kind: stream, at, chunks: [chunk] });
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.threshold) this.flush();
  }

  flush(): void {
    const files = this.files;
    if (this.pending.length === 0 || !files) return;
    const pieces = this.cut(this.pending, files.segmentSize);
    this.pending = [];
    this.pendingBytes = 0;
    // Segments older than the one before the last are rotated away in this same flush anyway.
    const keepFrom = Math.max(0, segmentOf(this.end - 1, files.segmentSize) - 1);
    this.io('write', () => {
      for (let i = 0; i < pieces.length; ) {
        const segment = pieces[i]!.segment;
        let j = i;
        while (j < pieces.length && pieces[j]!.segment === segment) j++;
        if (segment >= keepFrom) {
          const group = pieces.slice(i, j);
          const records = Buffer.alloc(group.length * RECORD_SIZE);
          for (const [k, piece] of group.entries()) encodeRecord(piece, records, k * RECORD_SIZE);
          files.append(
            segment,
            group.flatMap((p) => p.chunks),
            records,
            this.now(),
          );
        }
        i = j;
      }
    });
  }

  close(): void {
    const files = this.files;
    if (!files) return;
    try {
      this.flush();
    } finally {
      this.files = undefined;
      this.firstKept = files.firstKept;
      files.close();
    }
  }

  stats(): OutputLogStats {
    return {
      bytes: this.end + this.pendingBytes,
      lines: this.newlines + (this.endsWithNewline ? 0 : 1),
      truncatedBytes: this.files?.firstKept ?? this.firstKept,
    };
  }

  /** Assigns logical offsets, splitting chunks at segment boundaries (a record never spans two). */
  private cut(pending: Pending[], segmentSize: number): Piece[] {
    const pieces: Piece[] = [];
    for (const { kind, at, chunks } of pending) {
      let piece: Piece | undefined;
      for (let chunk of chunks) {
        while (chunk.length > 0) {
          const segment = segmentOf(this.end, segmentSize);
          const room = segmentSize > 0 ? (segment + 1) * segmentSize - this.end : chunk.length;
          const part = chunk.subarray(0, Math.min(room, chunk.length));
          if (!piece || piece.segment !== segment) {
            piece = { offset: this.end, length: 0, kind, at, segment, chunks: [] };
            pieces.push(piece);
          }
          piece.chunks.push(part);
          piece.length += part.length;
          this.end += part.length;
          chunk = chunk.subarray(part.length);
        }
      }
    }
    return pieces;
  }

  private io<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (err) {
      throw new DispatchError(
        'io',
        `Cannot ${what} the output log ${this.logFile}: ${messageOf(err)}. Check free disk space and permissions.`,
        { cause: err },
      );
    }
  }
}
