/**
 * Prompts live in `output/<taskId>.prompt`, not in the database. Every commit rewrites the whole
 * database file, so its size is the cost of every write in every window: measured with 10,000
 * tasks of 1 KB prompts, state.db was 14 MB with prompts inline (7 MB compressed) and 1.7 MB
 * without. A prompt never changes after creation, so a read cache can never go stale.
 */
import { readFileSync } from 'node:fs';
import { removeIfExists, replaceFileAtomically } from './os/atomicFile';
import type { StatePaths } from './stateDir';

// Bounds the cache: the Tasks view lists every task, but a pasted prompt can be large.
const CACHE_BYTES = 16 * 1024 * 1024;

export class PromptFiles {
  private readonly cache = new Map<string, string>();
  private cachedBytes = 0;

  constructor(private readonly paths: StatePaths) {}

  /** Writes durably (fsync + rename), so a committed task always finds its prompt after a crash. */
  write(taskId: string, prompt: string): void {
    const file = this.paths.promptPath(taskId);
    replaceFileAtomically(file, `${file}.${process.pid}.tmp`, Buffer.from(prompt, 'utf8'));
    this.remember(taskId, prompt);
  }

  /** The prompt, or '' if its file is gone (pruned meanwhile, or deleted by hand). */
  read(taskId: string): string {
    const cached = this.cache.get(taskId);
    if (cached !== undefined) return cached;
    try {
      const prompt = readFileSync(this.paths.promptPath(taskId), 'utf8');
      this.remember(taskId, prompt);
      return prompt;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
  }

  /** Deletes the prompt file (a task that was never committed). */
  remove(taskId: string): void {
    this.forget(taskId);
    removeIfExists(this.paths.promptPath(taskId));
  }

  forget(taskId: string): void {
    const cached = this.cache.get(taskId);
    if (cached === undefined) return;
    this.cache.delete(taskId);
    this.cachedBytes -= cached.length;
  }

  private remember(taskId: string, prompt: string): void {
    this.forget(taskId);
    this.cache.set(taskId, prompt);
    this.cachedBytes += prompt.length;
    // Map iteration is insertion order: drop the oldest entries first.
    for (const [id] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.forget(id);
    }
  }
}
