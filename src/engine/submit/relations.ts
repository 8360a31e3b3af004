/**
 * How a task relates to others, for the Tasks view and `dispatch show`: what it waits for (and
 * which of those have not completed yet), what waits for it, and what retried, resumed or replied to it.
 * Tasks deleted by retention are simply left out.
 */
import type { Task } from '../../core/task';
import type { Repositories } from '../../store';

export interface TaskRelations {
  /** Every task it waits for, in the order given. */
  dependsOn: Task[];
  /** Those not completed yet: what a blocked task is waiting for. */
  waitingFor: Task[];
  /** The tasks that wait for it. */
  dependents: Task[];
  /** Tasks created by retrying it, oldest first. */
  retriedAs: Task[];
  /** Tasks created by resuming it, oldest first. */
  resumedAs: Task[];
  /** Replies to it (`dispatch reply`), oldest first. */
  repliedAs: Task[];
}

export function relationsOf(r: Repositories, id: string): TaskRelations {
  const tasks = (ids: readonly string[]) => ids.flatMap((i) => r.tasks.get(i) ?? []);
  const dependsOn = tasks(r.dependencies.dependenciesOf(id));
  const { retriedAs, resumedAs, repliedAs } = r.tasks.followUps(id);
  return {
    dependsOn,
    waitingFor: dependsOn.filter((t) => t.state !== 'completed'),
    dependents: tasks(r.dependencies.dependentsOf(id)),
    retriedAs: tasks(retriedAs),
    resumedAs: tasks(resumedAs),
    repliedAs: tasks(repliedAs),
  };
}
