import * as vscode from 'vscode';
import { canRunGit } from './canRunGit';
import type { CommandDeps } from './deps';
import { worktreeTasksFrom } from './worktreeTasks';

/**
 * Dispatch: Discard Worktree — removes a worktree task's worktree and its branch. When they hold
 * changes that were never applied, a modal confirmation comes first: those changes exist nowhere
 * else. The task stays in the history, its row saying "discarded".
 */
export function discardWorktree(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<string[]> => {
    if (!canRunGit()) return [];
    const engine = await deps.host.require();
    const ids = await worktreeTasksFrom(
      engine,
      { arg, selected },
      {
        filter: 'present',
        placeHolder: 'Discard the worktree of which tasks?',
        none: 'No finished task has a worktree left.',
        canPickMany: true,
      },
    );
    if (!ids.length) return [];
    const tasks = ids.map((id) => engine.resolve(id));
    const unapplied = [];
    for (const task of tasks) if (await engine.worktrees.hasUnappliedChanges(task)) unapplied.push(task);
    if (unapplied.length) {
      const one = unapplied.length === 1;
      const choice = await vscode.window.showWarningMessage(
        one
          ? `Discard the changes of "${unapplied[0]!.title}"? They were never applied.`
          : `Discard the changes of ${unapplied.length} tasks? They were never applied.`,
        {
          modal: true,
          detail: `${one ? 'Its worktree and branch are' : 'Their worktrees and branches are'} deleted with ${one ? 'it' : 'them'}. This cannot be undone.`,
        },
        'Discard',
      );
      if (choice !== 'Discard') return [];
    }
    for (const task of tasks) await engine.worktrees.discard(task.id);
    vscode.window.setStatusBarMessage(
      `$(discard) Discarded ${tasks.length === 1 ? `the worktree of "${tasks[0]!.title}"` : `${tasks.length} worktrees`}`,
      3000,
    );
    return tasks.map((t) => t.id);
  };
}
