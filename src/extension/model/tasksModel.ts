/**
 * The Tasks view's model: every task grouped by state with counts, each group loaded one page at
 * a time (newest first), so a history of 10,000 tasks costs what is shown, not what is stored.
 * Pure (no vscode), so the unit tests and the bench build it from a real store. refresh() reports
 * which groups changed, so the view redraws only those.
 */
import type { Task } from '../../core/task';
import { TASK_STATES, type TaskState } from '../../core/taskState';
import type { StateReader } from '../../store';
import { Listeners } from './listeners';

/** The groups in the order the view shows them. */
export const GROUP_ORDER: readonly TaskState[] = [
  'running',
  'paused',
  'queued',
  'blocked',
  'completed',
  'failed',
  'cancelled',
];

/** How many tasks a group shows before "Show more…"; each click loads this many more. */
export const PAGE_SIZE = 200;

export type StoreReader = Pick<StateReader, 'read'>;

export interface TaskGroup {
  readonly state: TaskState;
  readonly count: number;
  /** The newest tasks of the group, newest first; fewer than `count` when more pages exist. */
  readonly tasks: readonly Task[];
  /** Blocked group only: the ids each task still waits for. */
  readonly waitingFor?: ReadonlyMap<string, readonly string[]>;
}

export interface TasksChange {
  /** Groups whose count or loaded tasks changed. */
  readonly groups: readonly TaskState[];
  /** Whether the set of visible groups changed (the root must be redrawn). */
  readonly root: boolean;
}

const UNFINISHED: readonly TaskState[] = ['running', 'paused', 'queued', 'blocked'];
const FINISHED: readonly TaskState[] = ['completed', 'failed', 'cancelled'];

const empty = (state: TaskState): TaskGroup => ({ state, count: 0, tasks: [] });

// What a task row shows; output sizes are left out on purpose, since they change every flush.
const signature = (group: TaskGroup) =>
  `${group.count}|${[...(group.waitingFor ?? [])].join(';')}|${group.tasks
    .map(
      (t) =>
        `${t.id}:${t.state}:${t.startedAt}:${t.endedAt}:${t.cancelRequestedAt}:${t.exitCode}:${t.resumeAt}`,
    )
    .join(',')}`;

export class TasksModel {
  private readonly groups = new Map<TaskState, TaskGroup>(TASK_STATES.map((s) => [s, empty(s)]));
  private readonly signatures = new Map<TaskState, string>();
  private readonly limits = new Map<TaskState, number>();
  private readonly listeners = new Listeners<TasksChange>();
  private store: StoreReader | undefined;
  private visible: readonly TaskState[] = [];

  constructor(private readonly pageSize = PAGE_SIZE) {}

  readonly onDidChange = this.listeners.event;

  /**
   * Re-reads the groups from `store` (undefined: no engine, so nothing to show). A finished
   * group's page is re-read only when its count changed or an unfinished task left the unfinished
   * groups: finished tasks never change, and even with the (state, created_at) index a page of
   * 200 costs ~3 ms (rows are decoded one by one in sql.js), against ~2 ms for the counts.
   */
  refresh(store: StoreReader | undefined): TasksChange {
    const sameStore = store !== undefined && store === this.store;
    this.store = store;
    if (!store) return this.apply(TASK_STATES.map(empty));
    const next = store.read((r) => {
      const counts = r.tasks.counts();
      const page = (state: TaskState) =>
        counts[state] ? r.tasks.list({ states: [state], limit: this.limitOf(state) }) : [];
      const unfinished = UNFINISHED.map((state): TaskGroup => {
        const group = { state, count: counts[state], tasks: page(state) };
        // What the Blocked rows say they wait for: one query for the whole group.
        return state === 'blocked' && group.count
          ? { ...group, waitingFor: r.dependencies.waiting() }
          : group;
      });
      const still = new Set(unfinished.flatMap((g) => g.tasks.map((t) => t.id)));
      const someLeft = this.unfinished().some((t) => !still.has(t.id));
      const finished = FINISHED.map((state) => {
        const known = this.group(state);
        const unchanged = sameStore && !someLeft && known.count === counts[state];
        return unchanged ? known : { state, count: counts[state], tasks: page(state) };
      });
      return [...unfinished, ...finished];
    });
    return this.apply(next);
  }

  /** Loads the next page of one group. */
  showMore(state: TaskState): TasksChange {
    this.limits.set(state, this.limitOf(state) + this.pageSize);
    const store = this.store;
    if (!store) return { groups: [], root: false };
    const tasks = store.read((r) => r.tasks.list({ states: [state], limit: this.limitOf(state) }));
    return this.apply([{ ...this.group(state), tasks }]);
  }

  group(state: TaskState): TaskGroup {
    return this.groups.get(state)!;
  }

  /** The groups the view shows: those with tasks (none at all: the view's welcome shows). */
  visibleStates(): readonly TaskState[] {
    return this.visible;
  }

  count(state: TaskState): number {
    return this.group(state).count;
  }

  get total(): number {
    return TASK_STATES.reduce((sum, state) => sum + this.count(state), 0);
  }

  /** Tasks not finished among those loaded (every running one, queued ones up to a page). */
  unfinished(): Task[] {
    return UNFINISHED.flatMap((s) => [...this.group(s).tasks]);
  }

  private limitOf(state: TaskState): number {
    return this.limits.get(state) ?? this.pageSize;
  }

  private apply(next: readonly TaskGroup[]): TasksChange {
    const groups: TaskState[] = [];
    for (const group of next) {
      const sig = signature(group);
      this.groups.set(group.state, group);
      if (this.signatures.get(group.state) === sig) continue;
      this.signatures.set(group.state, sig);
      groups.push(group.state);
    }
    // An empty group is noise ("Running 0" expanded over nothing): only groups with tasks show.
    const visible = GROUP_ORDER.filter((s) => this.count(s) > 0);
    const root = visible.join() !== this.visible.join();
    this.visible = visible;
    const change = { groups, root };
    if (groups.length || root) this.listeners.fire(change);
    return change;
  }
}
