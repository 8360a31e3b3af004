import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/**
 * Dispatch: Resume Paused Task Now ("Resume Now" on a paused row) — a task paused at its agent's
 * usage limit is queued again at once, and its agent's pause ends with it (the user says the
 * limit is gone). Not Resume Task, which makes a new task from a finished one's context.
 */
export function resumePausedTask(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<Task[]> => {
    if (!canStart()) return [];
    const engine = await deps.host.require();
    const ids = await tasksFrom(
      engine,
      { arg, selected },
      {
        states: ['paused'],
        placeHolder: 'Resume which paused task now?',
        none: 'No task is paused at a usage limit.',
      },
    );
    const resumed: Task[] = [];
    for (const id of ids) resumed.push(await engine.agents.resumeTask(id));
    // Started here: its notification follows it from now (one task; a batch is seen in Tasks).
    if (resumed.length === 1) deps.notices.follow(resumed[0]!, 'delegated');
    if (resumed.length) {
      const what = resumed.length === 1 ? resumed[0]!.title : `${resumed.length} tasks`;
      vscode.window.setStatusBarMessage(`$(debug-continue) Resumed ${what}`, 3000);
    }
    return resumed;
  };
}
