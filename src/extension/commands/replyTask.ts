import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { assertResumable } from '../../engine/submit/followUps';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

/**
 * Dispatch: Reply… — a task that continues a finished task's agent session with a message (the
 * agent's own `--resume`, or the task's context when it left no session); linked by replyTo.
 * The message comes with the argument (the output panel's reply box, `{ taskId, message }`) or
 * from an input box. The reply's panel opens: it shows the thread with the new turn at the end.
 */
export function replyTask(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const [id] = await tasksFrom(
      engine,
      { arg },
      {
        states: ['completed', 'failed', 'cancelled'],
        placeHolder: 'Reply to which task?',
        none: 'No task has finished yet.',
      },
    );
    if (!id) return undefined;
    const original = engine.resolve(id);
    // Before asking for the message: a shell task has no agent to reply (the wrapper shows why).
    assertResumable(original);
    const given = (arg as { message?: unknown } | undefined)?.message;
    const message =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: `Reply to ${original.agent}: ${original.title}`,
            prompt: `Continues ${original.agent}'s own session (same folder, autonomy ${original.autonomy ?? 'as set'})`,
            placeHolder: 'What should the agent do next?',
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : 'Say what the agent should do next.'),
          });
    if (message === undefined) return undefined;
    const task = await engine.reply(id, message);
    await deps.panels.show(task.id);
    return task;
  };
}
