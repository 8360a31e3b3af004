/**
 * Creating a task together with its dependencies, as one step inside one write: the ids are
 * resolved, the graph rules checked (core/graph.ts), the task row, its prompt and its edges
 * stored, and a dependency that already ended is applied at once — completed ones count as
 * satisfied, a failed or cancelled one cancels the new task with the reason. Any refusal throws
 * before the write commits, so nothing half-made is ever stored.
 */
import { DispatchError, isDispatchError } from '../../core/errors';
import { checkAddedDependencies, checkNewDependencies, readiness } from '../../core/graph';
import type { NewTask, Task } from '../../core/task';
import type { DependenciesRepository } from './dependencies';
import type { TasksRepository } from './tasks';

export interface SubmitRepos {
  tasks: TasksRepository;
  dependencies: DependenciesRepository;
}

export function submitTask(repos: SubmitRepos, input: NewTask, now: number): Task {
  const continueFrom = input.continueFrom ? resolveDependency(repos, input.continueFrom) : null;
  const after = unique([
    ...(input.after ?? []).map((key) => resolveDependency(repos, key)),
    ...(continueFrom ? [continueFrom] : []),
  ]);
  checkNewDependencies(repos.dependencies, after);
  const verdict = readiness(after.map((id) => endOf(repos, id)));
  const task = repos.tasks.create(
    { ...input, continueFrom },
    now,
    verdict.kind === 'waiting' ? 'blocked' : 'queued',
  );
  repos.dependencies.add(task.id, after);
  if (verdict.kind !== 'doomed') return task;
  return repos.tasks.setState(task.id, 'cancelled', { reason: verdict.reason, endedAt: now });
}

/**
 * Makes a queued or blocked task also wait for `after` (the editor's "run after" on an existing
 * task). This is where a cycle could form, so the graph rules refuse one with its path.
 */
export function addDependencies(
  repos: SubmitRepos,
  taskId: string,
  keys: readonly string[],
  now: number,
): Task {
  const task = repos.tasks.resolve(taskId);
  if (task.state !== 'queued' && task.state !== 'blocked') {
    throw new DispatchError(
      'invalid-input',
      `task ${task.id} is ${task.state}; only a queued or blocked task can be made to wait`,
    );
  }
  const after = unique(keys.map((key) => resolveDependency(repos, key)));
  checkAddedDependencies(repos.dependencies, task.id, after);
  repos.dependencies.add(task.id, after);
  const verdict = readiness(repos.dependencies.ends(task.id));
  if (verdict.kind === 'doomed')
    return repos.tasks.setState(task.id, 'cancelled', { reason: verdict.reason, endedAt: now });
  if (verdict.kind === 'waiting' && task.state === 'queued') return repos.tasks.setState(task.id, 'blocked');
  return repos.tasks.resolve(task.id);
}

function resolveDependency(repos: SubmitRepos, key: string): string {
  try {
    return repos.tasks.resolve(key).id;
  } catch (err) {
    if (!isDispatchError(err)) throw err;
    throw new DispatchError(err.code, `dependency "${key}": ${err.message}`);
  }
}

function endOf(repos: SubmitRepos, id: string) {
  const task = repos.tasks.get(id);
  return task && { id, state: task.state, reason: task.reason };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
