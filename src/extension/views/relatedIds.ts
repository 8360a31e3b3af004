import { isDispatchError } from '../../core/errors';
import { resumeWords } from '../../core/usageLimit';
import type { Engine } from '../../engine/engine';
import type { TaskDetailsReader } from './tasksView';
import type { RelatedIds } from './tooltips';

/** The Tasks view's reader of hovers and retries, through whichever engine the window has now. */
export function taskDetailsReader(engine: () => Engine | undefined): TaskDetailsReader {
  return {
    details(taskId) {
      const current = engine();
      return {
        related: relatedIds(current, taskId),
        result: current?.result(taskId),
        retrying: current?.retrying(taskId),
      };
    },
    retrying: (taskId) => engine()?.retrying(taskId),
    pausedWords(task) {
      const current = engine();
      return current ? current.agents.pausedWords(task) : resumeWords(task.resumeAt, Date.now());
    },
  };
}

/** A task's relations as ids for its hover; undefined without an engine or once the task is gone. */
export function relatedIds(engine: Engine | undefined, taskId: string): RelatedIds | undefined {
  if (!engine) return undefined;
  try {
    const r = engine.relationsOf(taskId);
    const ids = (tasks: readonly { id: string }[]) => tasks.map((t) => t.id);
    return {
      dependsOn: ids(r.dependsOn),
      dependents: ids(r.dependents),
      retriedAs: ids(r.retriedAs),
      resumedAs: ids(r.resumedAs),
      repliedAs: ids(r.repliedAs),
    };
  } catch (err) {
    // Deleted or pruned since the row was drawn: the hover shows what the row knows.
    if (isDispatchError(err, 'not-found')) return undefined;
    throw err;
  }
}
