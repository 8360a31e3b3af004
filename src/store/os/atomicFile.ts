/**
 * Durable, atomic file replacement: write a temp file, fsync it, rename it over the target. A
 * reader therefore sees the old file or the new one, never a mix (rename is atomic on one file
 * system), and a crash leaves the previous file intact.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DispatchError } from '../../core/errors';

/** Blocks the thread; only for short retry pauses inside a synchronous commit. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes `bytes` to `file` (created or truncated) and fsyncs it before returning. */
export function writeDurable(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a rename durable: on Linux the new directory entry is only safe on disk after the
 * directory is fsynced (measured ~0.2 ms). Unsupported on Windows and some file systems.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (EISDIR/EINVAL on some file systems): the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface RenameOptions {
  rename?: (from: string, to: string) => void;
  sleep?: (ms: number) => void;
  attempts?: number;
}

// Windows refuses to replace a file another process has open (antivirus, indexer, a reader
// mid-read) with EPERM/EBUSY/EACCES for a few milliseconds; retrying is the documented remedy.
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES']);

export function renameWithRetry(from: string, to: string, options: RenameOptions = {}): void {
  const rename = options.rename ?? renameSync;
  const sleep = options.sleep ?? sleepSync;
  const attempts = options.attempts ?? (process.platform === 'win32' ? 20 : 1);
  for (let attempt = 1; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!TRANSIENT.has(code) || attempt >= attempts) throw err;
      sleep(Math.min(5 * attempt, 50));
    }
  }
}

/** Removes a file if it exists; used for cleanup, so only unexpected errors propagate. */
export function removeIfExists(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Replaces `target` with `bytes` atomically and durably. `beforeRename` runs between the fsync and
 * the rename (the commit re-checks there that no other writer slipped in); whatever it throws is
 * passed on unchanged. Any failure removes the temp file and leaves `target` as it was; file
 * system errors (disk full, permissions) become an 'io' DispatchError naming the paths.
 */
export function replaceFileAtomically(
  target: string,
  tmp: string,
  bytes: Uint8Array,
  beforeRename: () => void = () => {},
): void {
  let step = 'write';
  try {
    writeDurable(tmp, bytes);
    step = 'check';
    beforeRename();
    step = 'rename';
    renameWithRetry(tmp, target);
  } catch (err) {
    try {
      removeIfExists(tmp);
    } catch {
      // The temp file could not be removed either; the original error is the one to report.
    }
    if (step === 'check') throw err;
    throw ioError(`save ${target}`, step === 'write' ? tmp : target, err);
  }
  fsyncDir(path.dirname(target));
}

export function ioError(action: string, file: string, err: unknown): DispatchError {
  const code = (err as NodeJS.ErrnoException).code;
  const hint =
    code === 'ENOSPC'
      ? 'The disk is full; free some space and retry.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Check that this folder is writable.'
        : 'Check the folder and retry.';
  return new DispatchError(
    'io',
    `Could not ${action} (${code ?? 'error'} on ${file}): ${(err as Error).message}. ${hint}`,
    { cause: err },
  );
}
