/**
 * The on-disk format of a task's output (architecture.md §3, §6). Per task, in the state dir's `output/`:
 *
 *   <id>.log     the raw bytes the agent printed, nothing else (so `cat`/`tail -f` show them);
 *   <id>.log.1   the previous segment, once a capped log has rotated (see below);
 *   <id>.idx     the index: one header line, then one fixed-size record per chunk;
 *   <id>.exit, <id>.pid   sidecars (see taskRecords.ts); <id>.cancel, <id>.spec.json and
 *   <id>.supervisor-stderr belong to the supervisor (engine/launch/launcher.ts); <id>.git.json is the
 *   git state when the task ended, written by the engine that finished it (engine/finish/gitFacts.ts).
 *
 * Every byte has a *logical offset* that never changes (bytes since the task started). A record
 * says which logical range came from which stream and when. Records are plain ASCII of a fixed
 * size, so a reader finds record i at a computed position (binary search, read from the end)
 * and `cat <id>.idx` is still readable:
 *
 *   header: "dispatch-output v1 segment 0000000000524288\n"   (segment size; 0 = no cap)
 *   record: "0000000000001024 0000000512 o 1732560000123\n"   (offset, length, stream, epoch ms)
 *
 * Streams: `o` stdout, `e` stderr, `s` the supervisor's own notices ("dispatch: cancelled …").
 *
 * Capping: with a cap C the log is split at logical multiples of S = C/2. When a write crosses
 * into segment k+1, the writer appends a rotation record (stream `r`, length 0, offset (k+1)·S),
 * renames `<id>.log` over `<id>.log.1`, and starts a fresh `<id>.log`. So what is kept is always
 * the tail, between S and 2·S = C bytes, and nothing is ever rewritten. A record never spans two
 * segments. Readers map a logical offset to (file, position) by arithmetic alone.
 */
import path from 'node:path';

export type OutputStream = 'stdout' | 'stderr' | 'system';

/** A record's kind: one of the streams, or the marker written just before a rotation. */
export type RecordKind = OutputStream | 'rotate';

export interface IndexRecord {
  offset: number;
  length: number;
  kind: RecordKind;
  /** Epoch milliseconds when the first byte of the chunk arrived. */
  at: number;
}

export const RECORD_SIZE = 44;
const HEADER_PREFIX = 'dispatch-output v1 segment ';

const KIND_CHARS: Record<RecordKind, string> = { stdout: 'o', stderr: 'e', system: 's', rotate: 'r' };
const CHAR_KINDS = new Map(Object.entries(KIND_CHARS).map(([kind, char]) => [char, kind as RecordKind]));

/** File names of one task's output; every file starts with `<taskId>.` so retention can glob it. */
export interface OutputFiles {
  log: string;
  previousLog: string;
  index: string;
  exit: string;
  pid: string;
  cancel: string;
  /** The latest retry the agent reported while it runs. */
  retry: string;
  spec: string;
  /** The supervisor's own stderr (a crash trace); removed when empty. */
  supervisorStderr: string;
}

export function outputFiles(outputDir: string, taskId: string): OutputFiles {
  const base = path.join(outputDir, taskId);
  return {
    log: `${base}.log`,
    previousLog: `${base}.log.1`,
    index: `${base}.idx`,
    exit: `${base}.exit`,
    pid: `${base}.pid`,
    cancel: `${base}.cancel`,
    retry: `${base}.retry.json`,
    spec: `${base}.spec.json`,
    supervisorStderr: `${base}.supervisor-stderr`,
  };
}

export function encodeHeader(segmentSize: number): Buffer {
  return Buffer.from(`${HEADER_PREFIX}${pad(segmentSize, 16)}\n`, 'latin1');
}

/** The segment size from a header, or undefined when the bytes are not one (not our file). */
export function decodeHeader(bytes: Buffer): number | undefined {
  const text = bytes.toString('latin1', 0, RECORD_SIZE);
  if (text.length !== RECORD_SIZE || !text.startsWith(HEADER_PREFIX) || !text.endsWith('\n'))
    return undefined;
  const size = Number(text.slice(HEADER_PREFIX.length, -1));
  return Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}

export function encodeRecord(record: IndexRecord, into: Buffer, at: number): void {
  into.write(
    `${pad(record.offset, 16)} ${pad(record.length, 10)} ${KIND_CHARS[record.kind]} ${pad(record.at, 13)}\n`,
    at,
    RECORD_SIZE,
    'latin1',
  );
}

export function decodeRecord(bytes: Buffer, at: number): IndexRecord {
  const text = bytes.toString('latin1', at, at + RECORD_SIZE);
  const kind = CHAR_KINDS.get(text[28] ?? '');
  const record = {
    offset: Number(text.slice(0, 16)),
    length: Number(text.slice(17, 27)),
    kind,
    at: Number(text.slice(30, 43)),
  };
  if (!kind || text[43] !== '\n' || !Number.isSafeInteger(record.offset + record.length + record.at)) {
    throw new Error(`bad output index record: ${JSON.stringify(text)}`);
  }
  return record as IndexRecord;
}

/** Which segment a logical offset falls in (always 0 for an uncapped log). */
export function segmentOf(offset: number, segmentSize: number): number {
  return segmentSize > 0 ? Math.floor(offset / segmentSize) : 0;
}

/** The segment size for a cap: half of it, so the kept tail stays between cap/2 and cap. */
export function segmentSizeFor(maxBytes: number | null | undefined): number {
  if (!maxBytes || !Number.isFinite(maxBytes) || maxBytes <= 0) return 0;
  return Math.max(1, Math.floor(maxBytes / 2));
}

function pad(value: number, width: number): string {
  const text = String(Math.max(0, Math.floor(value)));
  if (text.length > width) throw new RangeError(`${value} does not fit the output index (${width} digits)`);
  return text.padStart(width, '0');
}
