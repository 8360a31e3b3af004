import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/** Dispatch: Show Output — the task's output panel (from a view item, an id, or a pick). */
export function showOutput(deps: CommandDeps) {
  return async (arg?: unknown) => {
    const engine = await deps.host.require();
    const [id] = await tasksFrom(
      engine,
      { arg },
      { placeHolder: 'Show the output of which task?', none: 'There are no tasks yet.' },
    );
    if (id) await deps.panels.show(id);
  };
}
