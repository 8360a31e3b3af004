/**
 * The writer's side of a task's output files (format: outputFormat.ts): the open log segment and
 * the index, rotation, and continuing the files of an earlier writer. outputLog.ts decides what
 * to write; this file only knows how to put it on disk without a reader ever seeing a record
 * whose bytes are not there yet.
 */
import {
  closeSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  writevSync,
} from 'node:fs';
import {
  decodeHeader,
  decodeRecord,
  encodeHeader,
  encodeRecord,
  type OutputFiles,
  RECORD_SIZE,
  segmentOf,
} from './outputFormat';

export class SegmentFiles {
  /** From the index header: a cap's half, or 0 for no cap. */
  readonly segmentSize: number;
  /** Logical end of the output already on disk (non-zero when an earlier writer's files continue). */
  readonly initialEnd: number;
  /** The segment `<id>.log` holds. */
  segment = 0;
  /** First logical offset still on disk; what lies before it was dropped by the cap. */
  firstKept = 0;
  private logFd: number;
  private idxFd: number;

  /**
   * Creates the files, or continues existing ones where their index ends (a relaunch); bytes or
   * a half record written after the last complete record are cut off so offsets stay aligned.
   */
  constructor(
    private readonly files: OutputFiles,
    wantedSegmentSize: number,
  ) {
    const size = existingSize(files.index);
    if (size < RECORD_SIZE) {
      this.logFd = openSync(files.log, 'w');
      this.idxFd = openSync(files.index, 'w');
      writeAll(this.idxFd, [encodeHeader(wantedSegmentSize)]);
      this.segmentSize = wantedSegmentSize;
      this.initialEnd = 0;
      return;
    }
    const fd = openSync(files.index, 'r+');
    try {
      const head = Buffer.alloc(RECORD_SIZE);
      readSync(fd, head, 0, RECORD_SIZE, 0);
      const segmentSize = decodeHeader(head);
      if (segmentSize === undefined) throw new Error(`${files.index} is not an output index`);
      this.segmentSize = segmentSize;
      const count = Math.floor(size / RECORD_SIZE) - 1;
      let end = 0;
      if (count > 0) {
        readSync(fd, head, 0, RECORD_SIZE, count * RECORD_SIZE);
        const last = decodeRecord(head, 0);
        end = last.offset + last.length;
        this.segment = segmentOf(last.offset, segmentSize);
        this.firstKept = this.segment > 0 ? (this.segment - 1) * segmentSize : 0;
      }
      this.initialEnd = end;
      ftruncateSync(fd, (count + 1) * RECORD_SIZE);
    } finally {
      closeSync(fd);
    }
    this.idxFd = openSync(files.index, 'a');
    this.logFd = openSync(files.log, 'a');
    ftruncateSync(this.logFd, this.initialEnd - this.segment * this.segmentSize);
  }

  /** Appends bytes that all belong to `segment` (rotating into it first), then their records. */
  append(segment: number, data: Buffer[], records: Buffer, now: number): void {
    if (segment !== this.segment) this.rotate(segment, now);
    writeAll(this.logFd, data);
    writeAll(this.idxFd, [records]);
  }

  close(): void {
    closeSync(this.logFd);
    closeSync(this.idxFd);
  }

  /**
   * The rotation record goes first: a reader that sees it as the last record knows a rename may
   * be under way and retries, and one that does not see it knows the files are as it expects.
   */
  private rotate(segment: number, now: number): void {
    const marker = Buffer.alloc(RECORD_SIZE);
    encodeRecord({ offset: segment * this.segmentSize, length: 0, kind: 'rotate', at: now }, marker, 0);
    writeAll(this.idxFd, [marker]);
    closeSync(this.logFd);
    if (segment === this.segment + 1) {
      renameSync(this.files.log, this.files.previousLog);
      this.firstKept = (segment - 1) * this.segmentSize;
    } else {
      // Jumped over whole segments: the current file is not the one before `segment`.
      unlinkIfPresent(this.files.previousLog);
      unlinkIfPresent(this.files.log);
      this.firstKept = segment * this.segmentSize;
    }
    this.logFd = openSync(this.files.log, 'w');
    this.segment = segment;
  }
}

/** writev until every byte is written (a writev may be short, e.g. past IOV_MAX buffers). */
function writeAll(fd: number, chunks: Buffer[]): void {
  const rest = chunks.filter((c) => c.length > 0);
  while (rest.length > 0) {
    let written = rest.length === 1 ? writeSync(fd, rest[0]!) : writevSync(fd, rest);
    while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length;
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

function existingSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
