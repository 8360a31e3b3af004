import path from 'node:path';
import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import type { ChangedFile } from '../../core/worktree';
import { openChangeDiff } from '../review/changeDiff';
import { STATUS_LETTERS } from '../views/tasks/changedFileNode';
import { canRunGit } from './canRunGit';
import type { CommandDeps } from './deps';
import { worktreeTasksFrom } from './worktreeTasks';

/** One file of one task, as a changed-file row passes it. */
interface FileArgument {
  taskId: string;
  path: string;
}

const fileArgument = (arg: unknown): FileArgument | undefined => {
  const a = arg as Partial<FileArgument> | undefined;
  return typeof a?.taskId === 'string' && typeof a.path === 'string' ? (a as FileArgument) : undefined;
};

/**
 * Dispatch: Review Changes… — a worktree task's changes in the diff editor, base ↔ task: the file
 * a changed-file row names, the only file, or a pick of them. Resolves with the path opened.
 */
export function reviewChanges(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<string | undefined> => {
    if (!canRunGit()) return undefined;
    const engine = await deps.host.require();
    const one = fileArgument(arg);
    const [taskId] = one
      ? [one.taskId]
      : await worktreeTasksFrom(
          engine,
          { arg, selected },
          {
            filter: 'present',
            placeHolder: 'Review the changes of which task?',
            none: 'No finished task has a worktree to review.',
          },
        );
    if (!taskId) return undefined;
    const { files } = await engine.worktrees.changes(taskId);
    const task = engine.resolve(taskId);
    if (files.length === 0) {
      void vscode.window.showInformationMessage(`"${task.title}" changed nothing in its worktree.`);
      return undefined;
    }
    const file = one ? findFile(files, one.path, task.id) : await pickFile(files, task.title);
    if (!file) return undefined;
    await openChangeDiff({ taskId: task.id, worktreePath: engine.worktrees.info(task.id).path, file });
    return file.path;
  };
}

function findFile(files: readonly ChangedFile[], relPath: string, taskId: string): ChangedFile {
  const file = files.find((f) => f.path === relPath);
  if (!file) {
    throw new DispatchError(
      'not-found',
      `${relPath} is no longer among the changes of ${taskId} (its worktree was edited since)`,
    );
  }
  return file;
}

async function pickFile(files: readonly ChangedFile[], title: string): Promise<ChangedFile | undefined> {
  if (files.length === 1) return files[0];
  const chosen = await vscode.window.showQuickPick(
    files.map((file) => ({
      label: path.posix.basename(file.path),
      description: `${STATUS_LETTERS[file.status]} · ${file.path}`,
      detail: file.binary ? 'binary' : `+${file.insertions} −${file.deletions}`,
      file,
    })),
    { placeHolder: `Which change of "${title}"?`, matchOnDescription: true },
  );
  return chosen?.file;
}
