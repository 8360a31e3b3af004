import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import type { CommandDeps } from './deps';
import { worktreeIsPresent, worktreeTasksFrom } from './worktreeTasks';

/**
 * Dispatch: Open Worktree in New Window — the task's worktree as a folder of its own, to build,
 * test or touch up its changes before Apply. Opening a folder runs nothing: that window asks for
 * trust itself, so this one need not be trusted.
 */
export function openWorktree(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<string | undefined> => {
    const engine = await deps.host.require();
    const [id] = await worktreeTasksFrom(
      engine,
      { arg, selected },
      {
        filter: 'present',
        placeHolder: 'Open the worktree of which task?',
        none: 'No finished task has a worktree left.',
      },
    );
    if (!id) return undefined;
    const { path } = engine.worktrees.info(id);
    const task = engine.resolve(id);
    if (!worktreeIsPresent(task)) {
      throw new DispatchError('not-found', `the worktree of ${task.id} is gone (${path})`);
    }
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(path), {
      forceNewWindow: true,
    });
    return path;
  };
}
