/**
 * sql.js: loading the engine, and reading, checking and opening the database file. The change
 * counter every process compares is `PRAGMA user_version`, 4 bytes at offset 60 of the file, so a
 * process can tell whether state.db changed by reading 4 bytes (architecture.md §4): SQLite's own change
 * counter does not move under sql.js, and inode/mtime are unreliable after renames.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { one } from './sql';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** The wasm next to the bundle (dist/) first, else the one in node_modules (tests, out/). */
export function locateWasm(): string {
  const bundled = path.join(__dirname, 'sql-wasm.wasm');
  // A variable, so the bundler leaves this lookup to run time (the bundle uses the copy in dist/).
  const fromPackage = 'sql.js/dist/sql-wasm.wasm';
  return existsSync(bundled) ? bundled : require.resolve(fromPackage);
}

/** sql.js costs ~150 ms to initialise cold, so every store in a process shares one instance. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ wasmBinary: readFileSync(locateWasm()) as unknown as ArrayBuffer }).catch((err) => {
    sqlJs = undefined;
    throw err;
  });
  return sqlJs;
}

const HEADER_BYTES = 100;
const MAGIC = 'SQLite format 3\0';
const VERSION_OFFSET = 60;

/**
 * The user_version stored in `file`: null when the file does not exist, NaN when it is too short
 * to hold one (a damaged file; NaN never equals a loaded version, so the file gets loaded and
 * checked).
 */
export function readDiskVersion(file: string): number | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const buf = Buffer.alloc(4);
    return readSync(fd, buf, 0, 4, VERSION_OFFSET) === 4 ? buf.readInt32BE(0) : Number.NaN;
  } finally {
    closeSync(fd);
  }
}

/**
 * Why `bytes` cannot be a whole SQLite database, or undefined if the header is sound. Catches
 * empty files, garbage and truncation (SQLite itself happily opens a file cut short at a page
 * boundary and fails only when a query reaches the missing pages).
 */
export function checkDatabaseBytes(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty (0 bytes)';
  if (bytes.length < HEADER_BYTES) return `the file is only ${bytes.length} bytes, shorter than a header`;
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== MAGIC) return 'it is not an SQLite database';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = view.getUint16(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `its page size ${raw} is invalid`;
  if (bytes.length % pageSize !== 0) return `it is truncated (${bytes.length} bytes is not whole pages)`;
  // The header's page count is authoritative when its "valid for" stamp matches the change counter.
  if (view.getUint32(92) === view.getUint32(24)) {
    const expected = view.getUint32(28) * pageSize;
    if (expected !== bytes.length)
      return `it is truncated (header says ${expected} bytes, file has ${bytes.length})`;
  }
  return undefined;
}

/**
 * Opens a database image, or says why it is not one. `deep` adds `PRAGMA quick_check` (~6-10 ms
 * at 2.5 MB), worth paying once per process but not on every reload of a file this code wrote
 * with an atomic rename.
 */
export function openDatabaseBytes(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  deep: boolean,
): { db: Database } | { problem: string } {
  const problem = checkDatabaseBytes(bytes);
  if (problem) return { problem };
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    const check = one(db, deep ? 'PRAGMA quick_check' : 'SELECT count(*) AS n FROM sqlite_master');
    if (deep && check?.quick_check !== 'ok') {
      db.close();
      return { problem: `its integrity check failed (${String(check?.quick_check)})` };
    }
    return { db };
  } catch (err) {
    db?.close();
    return { problem: `SQLite cannot read it (${(err as Error).message})` };
  }
}

export function getUserVersion(db: Database): number {
  return Number(one(db, 'PRAGMA user_version')?.user_version ?? 0);
}

export function setUserVersion(db: Database, version: number): void {
  db.run(`PRAGMA user_version = ${Math.trunc(version)}`);
}

/**
 * The version after `current`. A new file starts at a random value so a process that still holds
 * an old file's version in memory (the file was deleted or moved aside) cannot mistake the new
 * file for the one it has.
 */
export function nextVersion(current: number | null): number {
  if (current === null || !Number.isFinite(current)) return 1 + Math.floor(Math.random() * 0x3fffffff);
  return current >= 0x7fffffff || current < 0 ? 1 : current + 1;
}
