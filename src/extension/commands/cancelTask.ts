import * as vscode from 'vscode';
import { isTerminal } from '../../core/taskState';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/**
 * Dispatch: Cancel Task — queued tasks end at once, running ones through their supervisor in
 * whichever window runs them. Allowed in an untrusted workspace: stopping starts nothing.
 */
export function cancelTask(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown) => {
    const engine = await deps.host.require();
    const ids = await tasksFrom(
      engine,
      { arg, selected },
      {
        states: ['running', 'paused', 'queued', 'blocked'],
        placeHolder: 'Cancel which tasks?',
        none: 'No task is running, paused or queued.',
        canPickMany: true,
      },
    );
    const late: string[] = [];
    for (const id of ids) {
      const before = engine.resolve(id);
      if (isTerminal(before.state)) late.push(before.title);
      else {
        const task = await engine.cancel(id);
        // The notice of a cancel belongs to the window where it was asked for (one task: a batch
        // is seen in the Tasks view).
        if (ids.length === 1) deps.notices.follow(task, 'cancelling');
      }
    }
    if (late.length) {
      void vscode.window.showInformationMessage(`Already finished, nothing to cancel: ${late.join(', ')}`);
    }
    return ids;
  };
}
