import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/** Copy Task ID (view items): for `dispatch show <id>` and friends in a terminal. */
export function copyTaskId(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown) => {
    const engine = await deps.host.require();
    const ids = await tasksFrom(
      engine,
      { arg, selected },
      { placeHolder: 'Copy the id of which task?', none: 'There are no tasks yet.' },
    );
    if (!ids.length) return;
    await vscode.env.clipboard.writeText(ids.join('\n'));
    vscode.window.setStatusBarMessage(
      `$(copy) Copied ${ids.length === 1 ? ids[0] : `${ids.length} task ids`}`,
      3000,
    );
  };
}
