/**
 * Which finished tasks this window announces. Every window sees every task end, so each one
 * must decide alone, and all must agree that exactly one of them speaks:
 * - the window a person delegated the task from (its engine stored it: task.createdBy), while it
 *   is open — whichever engine runs the task;
 * - else the window whose engine owned the task when it was last seen running;
 * - else (a `dispatch delegate`, a schedule, a worker's task, a window since closed) the *lead
 *   window*: the live window engine that started first (ties broken by id), which every window
 *   computes alike from the engines table.
 * A task cancelled by a person is announced by none of them: the window where Cancel was pressed
 * follows it itself (notices/taskNotices.ts), and a cancel typed in a terminal was seen there.
 * A window that cannot run tasks (untrusted) has no engine row, so it never announces.
 */
import type { EngineRecord, Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { StoreReader } from './tasksModel';

export interface WatchInput {
  store: StoreReader;
  thisEngineId: string;
  /** Running tasks now, with the engine that owns each. */
  running: readonly { taskId: string; ownerId: string }[];
  /** Unfinished tasks now, as far as loaded; `running` adds the owners. */
  unfinished: readonly Task[];
  engines: readonly EngineRecord[];
}

/**
 * The engine that announces a task stored by `createdBy` and last owned by `ownerId` (either
 * undefined when unknown).
 */
export function announcer(
  createdBy: string | null | undefined,
  ownerId: string | undefined,
  engines: readonly EngineRecord[],
): string | undefined {
  const windows = engines.filter((e) => e.kind === 'window');
  for (const id of [createdBy, ownerId]) if (id && windows.some((e) => e.id === id)) return id;
  const lead = [...windows].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id))[0];
  return lead?.id;
}

/** The reason core/outcome.ts and the store give a cancel someone asked for. */
export const CANCELLED_BY_USER = 'cancelled by user';

/**
 * Whether `dispatch.notifications` wants this ended task announced by the watch. A cancel a
 * person asked for is not: the window where it was asked follows it (see above).
 */
export function shouldAnnounce(task: Task, level: 'all' | 'failures' | 'none'): boolean {
  if (level === 'none') return false;
  if (task.state === 'failed') return true;
  if (level === 'failures') return false;
  if (task.state === 'cancelled') return task.startedAt !== null && task.reason !== CANCELLED_BY_USER;
  return task.state === 'completed';
}

export class FinishWatch {
  /** Unfinished tasks as last seen, with their owner when running. */
  private watched = new Map<string, string | undefined>();
  private primed = false;

  /** The tasks that finished since the last call and that this window should announce. */
  update(input: WatchInput): Task[] {
    const now = new Map<string, string | undefined>();
    for (const task of input.unfinished) now.set(task.id, undefined);
    for (const { taskId, ownerId } of input.running) now.set(taskId, ownerId);
    const gone = [...this.watched].filter(([id]) => !now.has(id));
    const first = !this.primed;
    this.watched = now;
    this.primed = true;
    // The first look only learns what is unfinished: what ended before is history, not news.
    if (first || gone.length === 0) return [];
    const ended = input.store.read((r) =>
      gone.flatMap(([id, ownerId]) => {
        const task = r.tasks.get(id);
        return task && isTerminal(task.state) ? [{ task, ownerId }] : [];
      }),
    );
    return ended
      .filter(({ task, ownerId }) => announcer(task.createdBy, ownerId, input.engines) === input.thisEngineId)
      .map(({ task }) => task);
  }

  /** Forgets everything (the engine closed or changed); the next update only learns again. */
  reset(): void {
    this.watched.clear();
    this.primed = false;
  }
}
