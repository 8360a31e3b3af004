/**
 * A consistent view of one task's output files for reading (format: outputFormat.ts), used by
 * outputReader.ts. The index never moves; only log segments rotate, so the view pins an index
 * length and opens the segment files that match it:
 *
 *   1. read the last record; if it is a rotation marker, a rename may be under way: retry;
 *   2. open `<id>.log` (and `<id>.log.1`);
 *   3. re-read the last record; if the writer started a new segment meanwhile, the files opened
 *      in 2 may be the renamed ones: close and retry.
 * Open handles keep their files even when renamed later, so once pinned the view stays valid.
 */
import { open } from 'node:fs/promises';
import { DispatchError } from '../../core/errors';
import {
  decodeHeader,
  decodeRecord,
  type IndexRecord,
  type OutputFiles,
  RECORD_SIZE,
  segmentOf,
} from './outputFormat';

/** The file access the reader needs; tests substitute a counting one. */
export interface ReaderIo {
  /** Opens a file for reading; undefined when it does not exist. */
  open(file: string): Promise<ReadHandle | undefined>;
}

export interface ReadHandle {
  read(into: Buffer, offset: number, length: number, position: number): Promise<number>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export const nodeReaderIo: ReaderIo = {
  async open(file) {
    try {
      const handle = await open(file, 'r');
      return {
        read: async (into, offset, length, position) =>
          (await handle.read(into, offset, length, position)).bytesRead,
        size: async () => (await handle.stat()).size,
        close: () => handle.close(),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
};

export interface Snapshot {
  segmentSize: number;
  /** Number of records pinned (records after them are ignored by this view). */
  count: number;
  /** Logical end of the pinned output. */
  end: number;
  /** The first logical offset still on disk; everything before was dropped by the cap. */
  firstAvailable: number;
  record(index: number): Promise<IndexRecord>;
  records(from: number, to: number): Promise<IndexRecord[]>;
  /** Reads bytes that lie inside one segment; undefined if that segment is gone. */
  data(offset: number, length: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

const MAX_ATTEMPTS = 100;

/** Undefined when the task has no output index yet. */
export async function openSnapshot(files: OutputFiles, io: ReaderIo): Promise<Snapshot | undefined> {
  const index = await io.open(files.index);
  if (!index) return undefined;
  try {
    const header = await readExactly(index, 0, RECORD_SIZE);
    if (!header) {
      // Just created, header not written yet: no output so far.
      await index.close();
      return undefined;
    }
    const segmentSize = decodeHeader(header);
    if (segmentSize === undefined)
      throw new DispatchError('state-corrupt', `${files.index} is not an output index`);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await lastRecord(index);
      if (before.last?.kind !== 'rotate') {
        const segment = before.last ? segmentOf(before.last.offset, segmentSize) : 0;
        const current = await io.open(files.log);
        const previous = segment > 0 ? await io.open(files.previousLog) : undefined;
        const after = await lastRecord(index);
        const moved =
          after.last &&
          (after.last.kind === 'rotate' || segmentOf(after.last.offset, segmentSize) !== segment);
        if (!moved) return makeSnapshot(index, segmentSize, before, segment, current, previous);
        await Promise.all([current?.close(), previous?.close()]);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new DispatchError('io', `the output log ${files.log} kept rotating while being read; try again`);
  } catch (err) {
    await index.close();
    throw err;
  }
}

function makeSnapshot(
  index: ReadHandle,
  segmentSize: number,
  pinned: { count: number; last: IndexRecord | undefined },
  segment: number,
  current: ReadHandle | undefined,
  previous: ReadHandle | undefined,
): Snapshot {
  const end = pinned.last ? pinned.last.offset + pinned.last.length : 0;
  const firstAvailable = segment === 0 ? 0 : (previous ? segment - 1 : segment) * segmentSize;
  const records = async (from: number, to: number) => {
    const bytes = await readExactly(index, (from + 1) * RECORD_SIZE, (to - from) * RECORD_SIZE);
    if (!bytes) throw new DispatchError('state-corrupt', 'the output index is shorter than it was');
    return Array.from({ length: to - from }, (_, i) => decodeRecord(bytes, i * RECORD_SIZE));
  };
  return {
    segmentSize,
    count: pinned.count,
    end,
    firstAvailable,
    records,
    record: async (i) => (await records(i, i + 1))[0]!,
    async data(offset, length) {
      const at = segmentOf(offset, segmentSize);
      const handle = at === segment ? current : at === segment - 1 ? previous : undefined;
      return handle && readExactly(handle, offset - at * segmentSize, length);
    },
    async close() {
      await Promise.all([index.close(), current?.close(), previous?.close()]);
    },
  };
}

async function lastRecord(index: ReadHandle): Promise<{ count: number; last: IndexRecord | undefined }> {
  const count = Math.floor((await index.size()) / RECORD_SIZE) - 1;
  if (count <= 0) return { count: 0, last: undefined };
  const bytes = await readExactly(index, count * RECORD_SIZE, RECORD_SIZE);
  return { count, last: bytes && decodeRecord(bytes, 0) };
}

/** Undefined when the file is shorter than asked (a segment that is not there). */
async function readExactly(
  handle: ReadHandle,
  position: number,
  length: number,
): Promise<Buffer | undefined> {
  const into = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const n = await handle.read(into, filled, length - filled, position + filled);
    if (n === 0) return undefined;
    filled += n;
  }
  return into;
}
