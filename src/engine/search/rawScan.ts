/**
 * The byte-level prefilter: which words a task's raw log holds, case-insensitively, read in
 * fixed-size blocks so memory stays bounded whatever the log's size. A capped log is two files
 * (store/output/outputFormat.ts): `<id>.log.1` then `<id>.log`, contiguous, so they are scanned as
 * one stream, and each block keeps the end of the one before so a word split across blocks (or
 * across the two files) is still found.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import { outputFiles } from '../../store';

/**
 * Small enough that each block's latin1 string stays in V8's young generation (cheap to collect)
 * and a read blocks the thread for well under a millisecond.
 */
export const BLOCK_BYTES = 64 * 1024;

// Reads are synchronous, one at a time: one buffer serves every scan in the process.
const buffer = Buffer.allocUnsafe(BLOCK_BYTES);

/**
 * The words of `words` (lower-cased ASCII) found in the task's log. With `all`, stops at the
 * first word missing (the caller needs every one), so a log without the first word costs one
 * pass, as grep's; words are tried longest first, as the likeliest to be rare.
 *
 * The reads are synchronous: a log is scanned at memory speed, and a thread-pool round trip per
 * 64 KB cost more than the scan itself on a busy machine. The event loop gets a turn before each
 * log, so a search never holds it for longer than one log's pass and an abort is seen there.
 * `.log` is opened before `.log.1`: a rotation in between then repeats a segment rather than
 * skipping one, so a word written before the search began is never missed.
 */
export async function rawWordsIn(
  outputDir: string,
  taskId: string,
  words: readonly string[],
  options: { all?: boolean; signal?: AbortSignal } = {},
): Promise<Set<string>> {
  const found = new Set<string>();
  if (words.length === 0) return found;
  await turn();
  options.signal?.throwIfAborted();
  const files = outputFiles(outputDir, taskId);
  const current = openIfExists(files.log);
  const previous = openIfExists(files.previousLog);
  try {
    const fds = [previous, current].filter((fd): fd is number => fd !== undefined);
    if (fds.length === 0) return found;
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      if (holds(fds, word)) found.add(word);
      else if (options.all) return found;
    }
    return found;
  } finally {
    if (previous !== undefined) closeSync(previous);
    if (current !== undefined) closeSync(current);
  }
}

/**
 * One pass over the files for `word`. A case-insensitive regular expression over the block read
 * as latin1 (one character per byte; no ASCII letter is made of UTF-8 bytes) runs near memory
 * speed; the end of each block is kept to find a word split across blocks or files.
 */
function holds(fds: number[], word: string): boolean {
  const pattern = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  let carry = '';
  for (const fd of fds) {
    for (let position = 0; ; ) {
      const bytesRead = readSync(fd, buffer, 0, BLOCK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const text = buffer.toString('latin1', 0, bytesRead);
      if (pattern.test(text)) return true;
      if (carry && pattern.test(carry + text.slice(0, word.length - 1))) return true;
      carry = text.slice(-(word.length - 1));
    }
  }
  return false;
}

function openIfExists(file: string): number | undefined {
  try {
    return openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
