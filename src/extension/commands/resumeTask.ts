import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { assertResumable } from '../../engine/submit/followUps';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/**
 * Dispatch: Resume Task — a new task that starts with a finished task's context (its prompt and
 * what it printed, as the engine assembles it) plus further instructions; linked by resumeOf.
 */
export function resumeTask(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const [id] = await tasksFrom(
      engine,
      { arg },
      {
        states: ['completed', 'failed', 'cancelled'],
        placeHolder: 'Resume which task?',
        none: 'No task has finished yet.',
      },
    );
    if (!id) return undefined;
    const original = engine.resolve(id);
    // Before asking for instructions: a shell task cannot be resumed (the wrapper shows why).
    assertResumable(original);
    const instructions = await vscode.window.showInputBox({
      title: `Resume: ${original.title}`,
      prompt: 'What should the agent do next? It starts with what this task was asked and printed.',
      placeHolder: 'Empty: carry on where it stopped',
      ignoreFocusOut: true,
    });
    if (instructions === undefined) return undefined;
    const task = await engine.resume(id, instructions);
    deps.notices.follow(task, 'delegated');
    return task;
  };
}
