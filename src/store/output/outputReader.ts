/**
 * Reading a task's output from any process (format: outputFormat.ts). Both reads cost what they
 * return, never the size of the log (architecture.md §6):
 *   - readTail: the last N lines, found by reading the log backwards from its end in growing
 *     blocks, then a binary search of the fixed-size index for the records that cover them;
 *   - readFrom: everything after a logical offset, for followers (outputFollower.ts).
 * Offsets are logical, so a caller that holds one keeps its place across rotations; bytes that a
 * cap dropped before they were read are reported as `skippedBytes`, not silently lost.
 */
import type { OutputStream } from './outputFormat';
import { outputFiles } from './outputFormat';
import { nodeReaderIo, openSnapshot, type ReaderIo, type Snapshot } from './outputSnapshot';

export type { ReaderIo, ReadHandle } from './outputSnapshot';

export interface OutputChunk {
  /** Logical offset of `data[0]`. */
  offset: number;
  stream: OutputStream;
  /** Epoch ms when the chunk was captured. */
  at: number;
  data: Buffer;
}

export interface OutputSlice {
  chunks: OutputChunk[];
  /** Logical offset of the first byte returned (equal to `end` when nothing was). */
  start: number;
  /** Logical offset just past the last byte returned: where to continue from. */
  end: number;
  /** Bytes dropped from the head of the log by the cap, as of this read. */
  truncatedBytes: number;
}

export interface ReadFromResult extends OutputSlice {
  /** Bytes between the requested offset and `start` that the cap dropped before they were read. */
  skippedBytes: number;
  /** Pass back as `recordHint` to skip the index search on the next call. */
  nextRecord: number;
}

export interface ReadOptions {
  /** Upper bound on the bytes returned. Default 1 MiB. */
  maxBytes?: number;
  io?: ReaderIo;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const FIRST_BLOCK = 8 * 1024;

export interface TailOptions extends ReadOptions {
  lines: number;
  /** Read the lines that end here instead of at the end of the log (scrolling back). */
  before?: number;
}

/**
 * The last `lines` lines (a final line without a newline counts), at most `maxBytes` bytes.
 * The slice starts at a line start unless the cap or `maxBytes` cut into a line; older output
 * exists when `start > truncatedBytes`.
 */
export async function readTail(
  outputDir: string,
  taskId: string,
  options: TailOptions,
): Promise<OutputSlice> {
  const snapshot = await openSnapshot(outputFiles(outputDir, taskId), options.io ?? nodeReaderIo);
  if (!snapshot) return { chunks: [], start: 0, end: 0, truncatedBytes: 0 };
  try {
    const { firstAvailable } = snapshot;
    const end = Math.max(firstAvailable, Math.min(snapshot.end, options.before ?? snapshot.end));
    const floor = Math.max(firstAvailable, end - (options.maxBytes ?? DEFAULT_MAX_BYTES));
    const blocks: Buffer[] = [];
    let start = end;
    let newlines = 0;
    let block = FIRST_BLOCK;
    // Walk back block by block; a block never crosses a segment boundary.
    scan: while (start > floor && options.lines > 0) {
      const segmentStart =
        snapshot.segmentSize > 0 ? Math.floor((start - 1) / snapshot.segmentSize) * snapshot.segmentSize : 0;
      const from = Math.max(floor, segmentStart, start - block);
      const bytes = await snapshot.data(from, start - from);
      if (!bytes) break;
      blocks.unshift(bytes);
      for (let i = bytes.length - 1; i >= 0; i--) {
        // The newline that ends the very last line does not start a new one.
        if (bytes[i] === 10 && from + i !== end - 1 && ++newlines === options.lines) {
          start = from + i + 1;
          blocks[0] = bytes.subarray(i + 1);
          break scan;
        }
      }
      start = from;
      block = Math.min(block * 2, DEFAULT_MAX_BYTES);
    }
    return {
      chunks: await chunksFor(snapshot, start, Buffer.concat(blocks)),
      start,
      end,
      truncatedBytes: firstAvailable,
    };
  } finally {
    await snapshot.close();
  }
}

/** Output after logical offset `from`, up to `maxBytes`. */
export async function readFrom(
  outputDir: string,
  taskId: string,
  from: number,
  options: ReadOptions & { recordHint?: number } = {},
): Promise<ReadFromResult> {
  const snapshot = await openSnapshot(outputFiles(outputDir, taskId), options.io ?? nodeReaderIo);
  if (!snapshot)
    return { chunks: [], start: from, end: from, truncatedBytes: 0, skippedBytes: 0, nextRecord: 0 };
  try {
    const start = Math.min(Math.max(from, snapshot.firstAvailable), Math.max(from, snapshot.end));
    const base = { start, truncatedBytes: snapshot.firstAvailable, skippedBytes: start - from };
    if (start >= snapshot.end) return { ...base, chunks: [], end: start, nextRecord: snapshot.count };
    const first = await recordAt(snapshot, start, options.recordHint);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const chunks: OutputChunk[] = [];
    let end = start;
    let next = first;
    while (next < snapshot.count && end - start < maxBytes) {
      const batch = await snapshot.records(next, Math.min(snapshot.count, next + 256));
      for (const record of batch) {
        next++;
        const from = Math.max(record.offset, end);
        const to = Math.min(record.offset + record.length, start + maxBytes);
        if (record.kind === 'rotate' || to <= from) continue;
        const data = await snapshot.data(from, to - from);
        if (data) chunks.push({ offset: from, stream: record.kind, at: record.at, data });
        end = to;
        if (to < record.offset + record.length) {
          next--; // the rest of this record comes next time
          break;
        }
        if (end - start >= maxBytes) break;
      }
    }
    return { ...base, chunks, end, nextRecord: next };
  } finally {
    await snapshot.close();
  }
}

/** Index of the record holding logical offset `offset` (or the first one after it). */
async function recordAt(snapshot: Snapshot, offset: number, hint: number | undefined): Promise<number> {
  if (hint !== undefined && hint >= 0 && hint < snapshot.count) {
    const record = await snapshot.record(hint);
    if (record.offset <= offset && offset < record.offset + Math.max(1, record.length)) return hint;
  }
  let low = 0;
  let high = snapshot.count - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((await snapshot.record(mid)).offset <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Splits bytes [start, start + data.length) along the records that cover them. */
async function chunksFor(snapshot: Snapshot, start: number, data: Buffer): Promise<OutputChunk[]> {
  if (data.length === 0) return [];
  const chunks: OutputChunk[] = [];
  const end = start + data.length;
  const first = await recordAt(snapshot, start, undefined);
  for (let i = first; i < snapshot.count; i += 256) {
    for (const record of await snapshot.records(i, Math.min(snapshot.count, i + 256))) {
      const from = Math.max(record.offset, start);
      const to = Math.min(record.offset + record.length, end);
      if (record.kind !== 'rotate' && to > from) {
        chunks.push({
          offset: from,
          stream: record.kind,
          at: record.at,
          data: data.subarray(from - start, to - start),
        });
      }
    }
  }
  return chunks;
}
