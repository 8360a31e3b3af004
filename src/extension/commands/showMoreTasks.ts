import type { TaskState } from '../../core/taskState';
import type { CommandDeps } from './deps';

/** The Tasks view's "Show more…" row: the group's next page. */
export function showMoreTasks(deps: CommandDeps) {
  return (state: TaskState) => {
    deps.live.tasks.showMore(state);
  };
}
