import { isDispatchError } from '../../core/errors';
import type { Engine } from '../../engine/engine';
import type { RelatedIds } from './tooltips';

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
    };
  } catch (err) {
    // Deleted or pruned since the row was drawn: the hover shows what the row knows.
    if (isDispatchError(err, 'not-found')) return undefined;
    throw err;
  }
}
