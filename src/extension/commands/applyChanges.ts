import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import type { ApplyResult } from '../../engine/worktrees/apply';
import { ApplyConflictError } from '../../engine/worktrees/apply';
import { canRunGit } from './canRunGit';
import type { CommandDeps } from './deps';
import { filesText, namesText, worktreeTasksFrom } from './worktreeTasks';

/**
 * Dispatch: Apply Changes — a worktree task's changes merged into the workspace as uncommitted
 * changes (engine.worktrees.apply). On a conflict nothing is changed and one error names the
 * files; the row then still offers Apply, and Review to look at them.
 */
export function applyChanges(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<ApplyResult[]> => {
    if (!canRunGit()) return [];
    const engine = await deps.host.require();
    const ids = await worktreeTasksFrom(
      engine,
      { arg, selected },
      {
        filter: 'unapplied',
        placeHolder: 'Apply the changes of which task to the workspace?',
        none: 'No finished task has worktree changes left to apply.',
      },
    );
    const applied: ApplyResult[] = [];
    for (const id of ids) {
      const { title } = engine.resolve(id);
      const result = await vscode.window
        .withProgress({ location: vscode.ProgressLocation.Window, title: `Applying "${title}"` }, () =>
          engine.worktrees.apply(id),
        )
        .then(undefined, (err: unknown) => {
          if (!(err instanceof ApplyConflictError)) throw err;
          throw new DispatchError(
            'apply-conflict',
            `The changes of "${title}" conflict with the workspace in ${namesText(err.files)}. Nothing was changed: commit or stash your edits to ${err.files.length === 1 ? 'that file' : 'those files'}, then apply again.`,
            { cause: err },
          );
        });
      void vscode.window.showInformationMessage(
        result.files.length
          ? `Applied the changes of "${title}" to the workspace: ${filesText(result.files.length)} (${namesText(result.files)}).`
          : `Nothing to apply: the workspace already has the changes of "${title}".`,
      );
      applied.push(result);
    }
    return applied;
  };
}
