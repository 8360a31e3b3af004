/**
 * The byte-level prefilter: which words a task's raw log holds, case-insensitively, read in
 * fixed-size blocks so memory stays bounded whatever the log's size. A capped log is two files
 * (store/output/outputFormat.ts): `<id>.log.1` then `<id>.log`, contiguous, so they are scanned as
 * one stream, and each block keeps the end of the one before so a word split across blocks (or
 * across the two files) is still found.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { outputFiles } from '../../store';

export const BLOCK_BYTES = 1024 * 1024;

/**
 * The words of `words` (lower-cased ASCII) found in the task's log. Stops reading once all are.
 * `.log` is opened before `.log.1`: a rotation in between then repeats a segment rather than
 * skipping one, so a word written before the search began is never missed.
 */
export async function rawWordsIn(
  outputDir: string,
  taskId: string,
  words: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const found = new Set<string>();
  if (words.length === 0) return found;
  const files = outputFiles(outputDir, taskId);
  const current = await openIfExists(files.log);
  const previous = await openIfExists(files.previousLog);
  const overlap = Math.max(...words.map((w) => w.length)) - 1;
  const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  let carry = '';
  try {
    for (const handle of [previous, current]) {
      if (!handle) continue;
      for (;;) {
        signal?.throwIfAborted();
        const { bytesRead } = await handle.read(buffer, 0, BLOCK_BYTES, null);
        if (bytesRead === 0) break;
        // latin1 maps each byte to one character, and lower-casing it never makes an ASCII
        // letter out of a UTF-8 byte, so ASCII words match exactly where their bytes are.
        const text = carry + buffer.toString('latin1', 0, bytesRead).toLowerCase();
        for (const word of words) if (!found.has(word) && text.includes(word)) found.add(word);
        if (found.size === words.length) return found;
        carry = overlap > 0 ? text.slice(-overlap) : '';
      }
    }
    return found;
  } finally {
    await previous?.close();
    await current?.close();
  }
}

async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
