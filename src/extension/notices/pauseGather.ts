/**
 * Which of a window's followed tasks are told paused together. A usage limit is the agent's
 * account running out, so it stops every task of that agent the window follows: each running one
 * at its next request, within a few seconds of the first, while its queued ones wait behind the
 * agent's pause. Told one by one, that is a stack of warnings with the same news; so a pause opens
 * a batch for its agent that the followed tasks pausing after it join, and the batch is told once
 * none of the agent's tasks still runs (each has met the limit, or finished) — or GATHER_MAX_MS
 * after it opened, if one keeps running: the news must not wait on a long step. A task that
 * pauses after its batch was told opens a new one: the message told did not count it.
 * Pure, so it is unit-tested; notices/taskNotices.ts feeds it and shows what it returns.
 */
import type { Task } from '../../core/task';

/** How long a batch waits at most for the agent's other running tasks to meet the limit. */
export const GATHER_MAX_MS = 10_000;

/** What the gather reads of the shared state, as of the change being handled. */
export interface GatherView {
  task(taskId: string): Task | undefined;
  /** How many of the agent's tasks run now, in any window (they will meet the same limit). */
  running(agent: string): number;
  /** The tasks this window follows. */
  followed(): Iterable<string>;
}

/** A batch to tell: the tasks of `agent` this window follows that wait for its limit. */
export interface PausedGroup {
  agent: string;
  /** Paused together and still paused, in the order they paused. */
  paused: Task[];
  /** Queued behind the agent's pause. */
  queued: Task[];
}

interface Batch {
  agent: string;
  openedAt: number;
  taskIds: string[];
}

export class PauseGather {
  private readonly open = new Map<string, Batch>();

  /** A followed task paused (told once per pause: taskNotices.ts calls this once per run's end). */
  add(task: Pick<Task, 'id' | 'agent'>, now: number): void {
    const batch = this.open.get(task.agent) ?? { agent: task.agent, openedAt: now, taskIds: [] };
    if (!batch.taskIds.includes(task.id)) batch.taskIds.push(task.id);
    this.open.set(task.agent, batch);
  }

  /**
   * The batches to tell now, closed: those whose agent runs nothing any more, or that waited
   * GATHER_MAX_MS. A batch whose tasks were all resumed or cancelled meanwhile is dropped untold.
   */
  due(view: GatherView, now: number): PausedGroup[] {
    const groups: PausedGroup[] = [];
    for (const batch of [...this.open.values()]) {
      if (view.running(batch.agent) > 0 && now - batch.openedAt < GATHER_MAX_MS) continue;
      this.open.delete(batch.agent);
      const paused = batch.taskIds.map((id) => view.task(id)).filter((t) => t?.state === 'paused') as Task[];
      if (paused.length === 0) continue;
      const queued = [...view.followed()]
        .map((id) => view.task(id))
        .filter((t) => t?.state === 'queued' && t.agent === batch.agent) as Task[];
      groups.push({ agent: batch.agent, paused, queued });
    }
    return groups;
  }

  /** When the oldest open batch must be told even if its agent still runs; undefined when none is. */
  deadline(): number | undefined {
    const opened = [...this.open.values()].map((b) => b.openedAt);
    return opened.length ? Math.min(...opened) + GATHER_MAX_MS : undefined;
  }

  clear(): void {
    this.open.clear();
  }
}
