import * as vscode from 'vscode';
import { clearAsking } from './clearAsking';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/** Delete Task (finished view items): the task and its output files, after a confirmation. */
export function deleteTask(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown) => {
    const engine = await deps.host.require();
    const ids = await tasksFrom(
      engine,
      { arg, selected },
      {
        states: ['completed', 'failed', 'cancelled'],
        placeHolder: 'Delete which finished tasks?',
        none: 'No task has finished yet.',
        canPickMany: true,
      },
    );
    if (!ids.length) return undefined;
    const what = ids.length === 1 ? `"${engine.resolve(ids[0]!).title}"` : `${ids.length} tasks`;
    const choice = await vscode.window.showWarningMessage(
      `Delete ${what} and its output? This cannot be undone.`,
      { modal: true },
      'Delete',
    );
    if (choice !== 'Delete') return undefined;
    // Unfinished ones among them are skipped by the engine.
    return clearAsking(engine, ids);
  };
}
