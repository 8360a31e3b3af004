/**
 * Follows a task's output as its supervisor appends it, from any process (the output panel of
 * every window, `dispatch logs -f`). Three things wake it, all funnelled into one serialized
 * check so reads never overlap:
 *   - fs.watch on the output *directory* (a watch on a file dies when the file is renamed, and
 *     the log is renamed at every rotation), filtered to this task's files;
 *   - a poll, because fs.watch misses events on network and some virtual file systems;
 *   - poke(), so a caller that already watches the state directory can share its events.
 * When `<id>.exit` exists and everything before it has been delivered, onEnd fires once and the
 * follower stops: the supervisor writes the exit record only after the log is complete.
 */
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { messageOf } from '../../core/errors';
import { outputFiles } from './outputFormat';
import { type ReaderIo, type ReadFromResult, readFrom } from './outputReader';
import { type ExitRecord, readExitRecord } from './taskRecords';

export interface FollowOptions {
  /** Logical offset to start from, e.g. the `end` of a readTail. Default 0 (everything kept). */
  from?: number;
  /** Safety-net poll interval; 0 turns polling off. Default 1000 ms. */
  pollMs?: number;
  /** Watch the output directory for changes. Default true. */
  watch?: boolean;
  /** Largest batch handed to onOutput at once. Default 1 MiB. */
  maxBatchBytes?: number;
  /** New output, in order; `skippedBytes` > 0 when the cap dropped bytes before they were read. */
  onOutput(batch: ReadFromResult): void;
  /** The run is over and all its output was delivered; undefined if the exit record is unreadable. */
  onEnd?(exit: ExitRecord | undefined): void;
  onError?(error: Error): void;
  io?: ReaderIo;
}

export interface OutputFollower {
  /** Check for new output now (e.g. on the caller's own change event). */
  poke(): void;
  dispose(): void;
  /** Logical offset up to which output has been delivered. */
  readonly position: number;
}

export function followOutput(outputDir: string, taskId: string, options: FollowOptions): OutputFollower {
  return new Follower(outputDir, taskId, options);
}

class Follower implements OutputFollower {
  position: number;
  private recordHint: number | undefined;
  private running = false;
  private again = false;
  private disposed = false;
  private readonly watcher: FSWatcher | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly exitFile: string;

  constructor(
    private readonly outputDir: string,
    private readonly taskId: string,
    private readonly options: FollowOptions,
  ) {
    this.position = options.from ?? 0;
    this.exitFile = outputFiles(outputDir, taskId).exit;
    if (options.watch !== false) this.watcher = this.watchDir();
    const pollMs = options.pollMs ?? 1000;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.poke(), pollMs);
      this.timer.unref?.();
    }
    this.poke();
  }

  poke(): void {
    if (this.disposed) return;
    if (this.running) this.again = true;
    else void this.check();
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        // Looked at before reading: if it exists now, everything it covers is already in the log.
        const exited = existsSync(this.exitFile);
        await this.drain();
        if (exited && !this.disposed) return this.end();
      } while (this.again && !this.disposed);
    } catch (err) {
      if (!this.disposed) this.options.onError?.(err instanceof Error ? err : new Error(messageOf(err)));
    } finally {
      this.running = false;
    }
  }

  private async drain(): Promise<void> {
    const maxBytes = this.options.maxBatchBytes;
    while (!this.disposed) {
      const batch = await readFrom(this.outputDir, this.taskId, this.position, {
        maxBytes,
        recordHint: this.recordHint,
        io: this.options.io,
      });
      if (batch.end === this.position) return;
      this.position = batch.end;
      this.recordHint = batch.nextRecord;
      if (!this.disposed) this.options.onOutput(batch);
    }
  }

  private end(): void {
    let exit: ExitRecord | undefined;
    try {
      exit = readExitRecord(this.outputDir, this.taskId);
    } catch (err) {
      this.options.onError?.(err as Error);
    }
    this.dispose();
    this.options.onEnd?.(exit);
  }

  private watchDir(): FSWatcher | undefined {
    const prefix = `${this.taskId}.`;
    try {
      const watcher = watch(this.outputDir, (_event, name) => {
        if (!name || name.toString().startsWith(prefix)) this.poke();
      });
      // The poll keeps working without the watch (e.g. the directory was deleted).
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined;
    }
  }
}
