import { pickSearchResult } from '../search/searchPick';
import type { CommandDeps } from './deps';

/** Dispatch: Search Tasks — live full-text search; the picked task's output opens at the match. */
export function searchTasks(deps: CommandDeps) {
  return async () => {
    const engine = await deps.host.require();
    const picked = await pickSearchResult(engine, deps.log);
    if (picked) await deps.panels.show(picked.taskId, { find: picked.find });
  };
}
