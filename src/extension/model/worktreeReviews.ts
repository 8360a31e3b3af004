/**
 * What each finished worktree task left to review, for the Tasks rows and the output panel
 * header: its changed files, and whether they were applied or the worktree discarded. Pure (no
 * vscode), so it is unit-tested on a real engine and real git.
 *
 * Git is the truth for the files (engine.worktrees.changes), the shared state for applied and
 * discarded. The rows hand in their Task, but the Tasks model does not re-read a finished page
 * when only a worktree column changed (tasksModel.ts), so each tracked task's own row is re-read
 * after every change to the state: an Apply in another window shows here at once. Git is read
 * again when the task's state, applied or discarded mark changes, or on reread() (a row being
 * expanded: the user may have edited the worktree since).
 */
import { messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { ChangedFile, ChangeSummary } from '../../core/worktree';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

export type Review =
  /** Git is being read (or the task is not read yet). */
  | { kind: 'reading' }
  | { kind: 'changes'; files: readonly ChangedFile[]; summary: ChangeSummary; applied: boolean }
  | { kind: 'none' }
  | { kind: 'discarded' }
  /** The worktree was never made (the task ended before it started) or is gone from disk. */
  | { kind: 'missing' }
  | { kind: 'unreadable'; message: string }
  /** An untrusted window runs no git here: git runs the repository's own filters and hooks. */
  | { kind: 'untrusted' };

/** The part of an Engine this model reads. */
export interface ReviewEngine {
  readonly id: string;
  readonly state: StoreReader;
  readonly worktrees: {
    changes(taskId: string): Promise<{ files: ChangedFile[]; summary: ChangeSummary }>;
  };
}

export interface WorktreeReviewsDeps {
  /** Whether the worktree folder is on disk. */
  exists(path: string): boolean;
  /** Whether git may run for this window (a trusted workspace). */
  trusted(): boolean;
}

interface Entry {
  task: Task;
  review: Review;
  /** Bumped at each read, so a slower earlier read never overwrites a later one. */
  generation: number;
}

/** What the applied/discarded marks and the state say: when it changes, git is read again. */
const stampOf = (t: Task) => `${t.state}|${t.worktreeAppliedAt}|${t.worktreeRemovedAt}|${t.worktreePath}`;

export class WorktreeReviews {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Listeners<string[]>();
  private engine: ReviewEngine | undefined;
  /** Reads run one after another: a long history must not start a git process per row at once. */
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly deps: WorktreeReviewsDeps) {}

  /** Fires with the ids of tasks whose review changed. */
  readonly onDidChange = this.listeners.event;

  /**
   * The review of a finished task that ran in a worktree; undefined for any other task. The first
   * call starts reading git and answers `reading`; onDidChange says when the answer is there.
   */
  get(task: Task): Review | undefined {
    if (!task.worktreePath || !this.engine) return undefined;
    let entry = this.entries.get(task.id);
    if (!entry) {
      // The row's Task may be older than the shared state (see the file comment).
      const fresh = this.engine.state.read((r) => r.tasks.get(task.id)) ?? task;
      entry = { task: fresh, review: { kind: 'reading' }, generation: 0 };
      this.entries.set(task.id, entry);
      if (isTerminal(fresh.state)) this.read(entry);
    }
    return isTerminal(entry.task.state) ? entry.review : undefined;
  }

  /** The task as the shared state has it now (its worktree marks current). */
  task(taskId: string): Task | undefined {
    return this.entries.get(taskId)?.task;
  }

  /** Reads git again for a task already shown (its row is being expanded). */
  reread(taskId: string): Promise<Review> | undefined {
    const entry = this.entries.get(taskId);
    if (!entry || !isTerminal(entry.task.state)) return undefined;
    return this.read(entry);
  }

  /** After every change to the shared state (and when the engine opens or is replaced). */
  refresh(engine: ReviewEngine | undefined): void {
    if (engine?.id !== this.engine?.id) {
      this.engine = engine;
      const ids = [...this.entries.keys()];
      this.entries.clear();
      if (ids.length) this.listeners.fire(ids);
      return;
    }
    if (!engine) return;
    // A discarded worktree never changes again; only the others are re-read.
    const live = [...this.entries.values()].filter((e) => e.review.kind !== 'discarded');
    if (live.length === 0) return;
    const now = engine.state.read((r) => live.map((e) => r.tasks.get(e.task.id)));
    const gone: string[] = [];
    live.forEach((entry, i) => {
      const fresh = now[i];
      if (!fresh) {
        this.entries.delete(entry.task.id);
        gone.push(entry.task.id);
        return;
      }
      const changed = stampOf(fresh) !== stampOf(entry.task);
      entry.task = fresh;
      if (changed && isTerminal(fresh.state)) void this.read(entry);
    });
    if (gone.length) this.listeners.fire(gone);
  }

  /** Resolves once every read asked for so far has finished (for tests and the bench). */
  async settled(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  private read(entry: Entry): Promise<Review> {
    const generation = ++entry.generation;
    this.pending++;
    const result = this.queue.then(async () => {
      const review = await this.compute(entry.task);
      if (generation === entry.generation && this.entries.get(entry.task.id) === entry) {
        const changed = JSON.stringify(review) !== JSON.stringify(entry.review);
        entry.review = review;
        if (changed) this.listeners.fire([entry.task.id]);
      }
      return review;
    });
    this.queue = result.then(
      () => void this.pending--,
      () => void this.pending--,
    );
    return result;
  }

  private async compute(task: Task): Promise<Review> {
    const engine = this.engine;
    if (task.worktreeRemovedAt !== null) return { kind: 'discarded' };
    if (!engine || !task.worktreePath || !this.deps.exists(task.worktreePath)) return { kind: 'missing' };
    if (!this.deps.trusted()) return { kind: 'untrusted' };
    try {
      const { files, summary } = await engine.worktrees.changes(task.id);
      if (files.length === 0) return { kind: 'none' };
      return { kind: 'changes', files, summary, applied: task.worktreeAppliedAt !== null };
    } catch (err) {
      return { kind: 'unreadable', message: messageOf(err) };
    }
  }
}

/** "3 files changed", "applied", …: what a row and the panel header say; undefined: nothing. */
export function reviewText(review: Review | undefined): string | undefined {
  switch (review?.kind) {
    case 'changes':
      if (review.applied) return 'applied';
      return `${review.summary.files} file${review.summary.files === 1 ? '' : 's'} changed`;
    case 'none':
      return 'no changes';
    case 'discarded':
      return 'discarded';
    case 'unreadable':
      return 'changes unreadable';
    default:
      return undefined;
  }
}

/** Changes in the worktree that were never applied: what Apply brings and Discard would lose. */
export function hasUnapplied(review: Review | undefined): boolean {
  return review?.kind === 'changes' && !review.applied;
}

/** The worktree is still there (Discard and Open Worktree apply). */
export function worktreePresent(review: Review | undefined): boolean {
  return review !== undefined && review.kind !== 'discarded' && review.kind !== 'missing';
}
