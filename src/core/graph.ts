/**
 * The dependency graph's rules, pure so they are tested without a database (architecture.md §11.6: the
 * original accepted invalid dependencies and let them fail later in silence, and a dependency on
 * a finished task blocked forever). An edge "A waits for B" is stored as A → B; the store answers
 * the graph questions through `DependencyGraph`, so the rules never see SQL.
 */
import { DispatchError } from './errors';
import { isTerminal, type TaskState } from './taskState';

/** At most this many direct dependencies per task. */
export const MAX_DEPENDENCIES = 100;
/** At most this many unfinished tasks in a chain ending at a new task (bounds every cascade). */
export const MAX_DEPTH = 100;

export interface DependencyGraph {
  /** The ids `id` waits for, directly. */
  dependenciesOf(id: string): readonly string[];
  /** The ids that wait for `id`, directly. */
  dependentsOf(id: string): readonly string[];
  /** The task's state, or undefined if it does not exist (deleted by retention). */
  stateOf(id: string): TaskState | undefined;
}

/** Refuses a dependency list that is too long (before any lookup, so a huge list costs nothing). */
export function checkDependencyCount(after: readonly string[]): void {
  if (after.length > MAX_DEPENDENCIES) {
    throw new DispatchError(
      'invalid-input',
      `a task may wait for at most ${MAX_DEPENDENCIES} tasks, got ${after.length}; chain them through fewer tasks`,
    );
  }
}

/**
 * The path `from` → … → `to` along "waits for" edges, or undefined. Adding the edge `to` → `from`
 * would close exactly this path into a cycle.
 */
export function findPath(graph: DependencyGraph, from: string, to: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string): string[] | undefined => {
    if (id === to) return [id];
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of graph.dependenciesOf(id)) {
      const rest = walk(next);
      if (rest) return [id, ...rest];
    }
    return undefined;
  };
  return walk(from);
}

/**
 * Length of the longest chain of unfinished tasks that ends at `id`, counting `id`. A finished
 * task counts 0: what it waited for no longer matters, so finished history never limits new work.
 */
export function depthOf(graph: DependencyGraph, id: string, memo = new Map<string, number>()): number {
  const known = memo.get(id);
  if (known !== undefined) return known;
  if (isFinishedOrGone(graph.stateOf(id))) return 0;
  memo.set(id, 1); // a cycle (never stored, but a damaged database may hold one) ends the walk
  let deepest = 0;
  for (const dep of graph.dependenciesOf(id)) deepest = Math.max(deepest, depthOf(graph, dep, memo));
  memo.set(id, deepest + 1);
  return deepest + 1;
}

/** Checks the dependencies of a task being created: count and depth (it cannot close a cycle). */
export function checkNewDependencies(graph: DependencyGraph, after: readonly string[]): void {
  checkDependencyCount(after);
  checkDepth(longestChainTo(graph, after) + 1);
}

/**
 * Checks that an existing, still waiting `taskId` may also wait for `after`: no self-dependency,
 * no cycle (the message gives its path), and the longest chain through it stays within the limit.
 */
export function checkAddedDependencies(
  graph: DependencyGraph,
  taskId: string,
  after: readonly string[],
): void {
  checkDependencyCount([...new Set([...graph.dependenciesOf(taskId), ...after])]);
  if (after.includes(taskId)) {
    throw new DispatchError('dependency-cycle', `task ${taskId} cannot wait for itself`);
  }
  for (const dep of after) {
    const path = findPath(graph, dep, taskId);
    if (path) {
      throw new DispatchError(
        'dependency-cycle',
        `waiting for ${dep} would make a cycle (→ reads "waits for"): ${[taskId, ...path].join(' → ')}`,
      );
    }
  }
  const before = longestChainTo(graph, [...graph.dependenciesOf(taskId), ...after]);
  checkDepth(before + heightOf(graph, taskId));
}

function longestChainTo(graph: DependencyGraph, deps: readonly string[]): number {
  const memo = new Map<string, number>();
  return Math.max(0, ...deps.map((dep) => depthOf(graph, dep, memo)));
}

/** Longest chain of unfinished tasks that wait on `id`, counting `id`. */
function heightOf(graph: DependencyGraph, id: string, memo = new Map<string, number>()): number {
  const known = memo.get(id);
  if (known !== undefined) return known;
  memo.set(id, 1);
  let highest = 0;
  for (const up of graph.dependentsOf(id)) {
    if (!isFinishedOrGone(graph.stateOf(up))) highest = Math.max(highest, heightOf(graph, up, memo));
  }
  memo.set(id, highest + 1);
  return highest + 1;
}

function checkDepth(length: number): void {
  if (length > MAX_DEPTH) {
    throw new DispatchError(
      'invalid-input',
      `that would make a chain of ${length} unfinished tasks, each waiting for the one before; the limit is ${MAX_DEPTH}`,
    );
  }
}

/** Finished, or deleted (a deleted task was finished: only finished tasks are deleted). */
function isFinishedOrGone(state: TaskState | undefined): boolean {
  return state === undefined || isTerminal(state);
}

export interface DependencyEnd {
  id: string;
  state: TaskState;
  reason: string | null;
}

/**
 * What a task does about its dependencies: run, keep waiting, or be cancelled because one of them
 * can never complete. A missing dependency (deleted by retention) can no longer hold it back.
 */
export type Readiness =
  | { kind: 'ready' }
  | { kind: 'waiting'; on: string[] }
  | { kind: 'doomed'; reason: string };

export function readiness(deps: readonly (DependencyEnd | undefined)[]): Readiness {
  const doomed = deps.find((d) => d?.state === 'failed' || d?.state === 'cancelled');
  if (doomed) return { kind: 'doomed', reason: cascadeReason(doomed) };
  const on = deps.flatMap((d) => (d && d.state !== 'completed' ? [d.id] : []));
  return on.length ? { kind: 'waiting', on } : { kind: 'ready' };
}

const CASCADED = /^dependency (\S+) (failed|was cancelled)/;

/**
 * Why a dependent of `dep` is cancelled. Down a chain the root cause stays in front and the
 * dependency it came through is named, so every task in a cascade says what actually went wrong:
 * "dependency A failed", then "dependency A failed (via B)".
 */
export function cascadeReason(dep: DependencyEnd): string {
  if (dep.state === 'failed') return `dependency ${dep.id} failed`;
  const root = dep.reason ? CASCADED.exec(dep.reason) : null;
  if (root) return `dependency ${root[1]} ${root[2]} (via ${dep.id})`;
  return `dependency ${dep.id} was cancelled`;
}
