/**
 * Opens one changed file of a worktree task in VS Code's diff editor: the base on the left
 * (baseDocuments.ts), the file in the task's worktree on the right — a real file, so it can be
 * touched up before Apply — or an empty document for a file the task deleted.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { ChangedFile } from '../../core/worktree';
import { baseUri } from './baseDocuments';

export interface ChangeTarget {
  taskId: string;
  worktreePath: string;
  file: Pick<ChangedFile, 'path' | 'status'>;
}

/** "a.ts (base ↔ task 8k2m4x7q1z9a)". */
export function diffTitle(taskId: string, relPath: string): string {
  return `${path.posix.basename(relPath)} (base ↔ task ${taskId})`;
}

/** The file in the task's worktree (its side of the diff, and the icon of its row). */
export function worktreeFileUri(worktreePath: string, relPath: string): vscode.Uri {
  return vscode.Uri.file(path.join(worktreePath, ...relPath.split('/')));
}

export async function openChangeDiff({ taskId, worktreePath, file }: ChangeTarget): Promise<void> {
  const left = baseUri(taskId, file.path);
  const right =
    file.status === 'deleted'
      ? baseUri(taskId, file.path, { empty: true })
      : worktreeFileUri(worktreePath, file.path);
  await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle(taskId, file.path), {
    preview: true,
  });
}
