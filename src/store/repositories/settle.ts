/**
 * Keeping waiting tasks in line with their dependencies, inside the write that changed them
 * (architecture.md §11.6). TasksRepository calls `settleDependents` whenever a task reaches a terminal
 * state, so the release of a BLOCKED task (its last dependency completed) or its cancellation (a
 * dependency failed or was cancelled) commits together with the end that caused it: exactly once,
 * and no crash can fall between them. A cancellation ends a task too, so cascades go transitively.
 */
import { readiness } from '../../core/graph';
import type { Task } from '../../core/task';
import type { DependenciesRepository } from './dependencies';
import type { TasksRepository } from './tasks';

export interface SettleRepos {
  tasks: TasksRepository;
  dependencies: DependenciesRepository;
}

export type Settled = 'released' | 'cancelled' | 'blocked';

export function settleDependents(repos: SettleRepos, ended: Task): void {
  const at = ended.endedAt ?? ended.createdAt;
  for (const id of repos.dependencies.dependentsOf(ended.id)) settle(repos, id, at);
}

/**
 * Moves one queued or blocked task to where its dependencies put it: QUEUED when none is left
 * to wait for, BLOCKED while some are unfinished, CANCELLED (with the root cause) when one can
 * never complete. Returns what changed, if anything.
 */
export function settle(repos: SettleRepos, id: string, at: number): Settled | undefined {
  const task = repos.tasks.get(id);
  if (task?.state !== 'blocked' && task?.state !== 'queued') return undefined;
  const verdict = readiness(repos.dependencies.ends(id));
  if (verdict.kind === 'doomed') {
    repos.tasks.setState(id, 'cancelled', { reason: verdict.reason, endedAt: at });
    return 'cancelled';
  }
  if (verdict.kind === 'ready' && task.state === 'blocked') {
    repos.tasks.setState(id, 'queued');
    return 'released';
  }
  if (verdict.kind === 'waiting' && task.state === 'queued') {
    repos.tasks.setState(id, 'blocked');
    return 'blocked';
  }
  return undefined;
}

/** Settles every task the dependencies table says is out of line (recovery's sweep). */
export function settleAll(repos: SettleRepos, at: number): Map<string, Settled> {
  const changed = new Map<string, Settled>();
  for (const id of repos.dependencies.unsettled()) {
    const result = settle(repos, id, at);
    if (result) changed.set(id, result);
  }
  return changed;
}
