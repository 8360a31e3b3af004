import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { Engine } from '../../engine/engine';
import { runAfterCandidates, runAfterItems } from '../delegate/runAfterItems';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { tasksFrom } from './taskArguments';

interface RunAfterArg {
  taskId: string;
  after: string[];
}

const isRunAfterArg = (arg: unknown): arg is RunAfterArg =>
  typeof arg === 'object' && arg !== null && Array.isArray((arg as RunAfterArg).after);

/**
 * Dispatch: Run After… — a queued or blocked task waits for more tasks (as `dispatch depend`).
 * From a Tasks view row or the palette it asks which tasks; given `{ taskId, after }` (keybindings,
 * the tests) it asks nothing. The engine refuses a cycle with its path, in the same write.
 */
export function runAfter(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const given = isRunAfterArg(arg) ? arg : undefined;
    const [id] = await tasksFrom(
      engine,
      { arg: given?.taskId ?? arg },
      {
        states: ['queued', 'blocked'],
        placeHolder: 'Which task should wait?',
        none: 'No task is queued or blocked.',
      },
    );
    if (!id) return undefined;
    const after = given?.after ?? (await pickTasksToWaitFor(engine, id));
    if (!after?.length) return undefined;
    const task = await engine.addDependencies(id, after);
    if (task.state === 'cancelled') {
      void vscode.window.showWarningMessage(`Cancelled: ${task.title} (${task.reason})`);
    } else {
      const waiting = engine.waitingFor().get(task.id)?.length ?? 0;
      void vscode.window.showInformationMessage(
        waiting
          ? `${task.title} now waits for ${waiting} task${waiting === 1 ? '' : 's'}`
          : `${task.title} is queued`,
      );
    }
    return task;
  };
}

async function pickTasksToWaitFor(engine: Engine, id: string): Promise<string[] | undefined> {
  const task = engine.resolve(id);
  const items = runAfterItems(runAfterCandidates((filter) => engine.list(filter)).filter((t) => t.id !== id));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('There is no other task to wait for.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: `Run “${task.title}” after…`,
    placeHolder: 'Check the tasks it should wait for',
    canPickMany: true,
    matchOnDescription: true,
  });
  return chosen?.flatMap((item) => (item.taskId ? [item.taskId] : []));
}
