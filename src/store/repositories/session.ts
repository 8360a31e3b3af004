/**
 * What a repository works on: the in-memory database of one read or one write transaction.
 * Repositories handed to `store.read` refuse to change anything: a change made outside a write
 * would live only in this process's memory and silently disagree with every other window.
 */
import type { Database } from 'sql.js';
import { DispatchError } from '../../core/errors';
import type { PromptFiles } from '../promptFiles';

export interface Session {
  readonly db: Database;
  readonly prompts: PromptFiles;
  readonly writable: boolean;
  /** Undo for side effects outside the database, run if the transaction never reaches disk. */
  onAbort(undo: () => void): void;
}

export function assertWritable(session: Session, action: string): void {
  if (!session.writable) {
    throw new DispatchError(
      'invalid-input',
      `Cannot ${action} inside store.read(); changes must go through store.write() so every window sees them.`,
    );
  }
}
