import path from 'node:path';
import * as vscode from 'vscode';
import type { ChangedFile, ChangeStatus } from '../../../core/worktree';
import { CommandIds } from '../../commandIds';
import { worktreeFileUri } from '../../review/changeDiff';
import type { TaskNode } from '../nodes/taskNode';

/** The letters of git's --name-status, as the Source Control view shows them. */
export const STATUS_LETTERS: Record<ChangeStatus, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  'type-changed': 'T',
};

/** A file a worktree task changed, under its row in the Tasks view; a click opens the diff. */
export class ChangedFileNode {
  readonly kind = 'changedFile';

  constructor(
    readonly parent: TaskNode,
    readonly worktreePath: string,
    readonly file: ChangedFile,
  ) {}

  get taskId(): string {
    return this.parent.taskId;
  }

  /** For the commands: what `dispatch.reviewChanges` opens when given this node. */
  get path(): string {
    return this.file.path;
  }

  toTreeItem(): vscode.TreeItem {
    const { file } = this;
    const item = new vscode.TreeItem(path.posix.basename(file.path), vscode.TreeItemCollapsibleState.None);
    item.id = `change:${this.taskId}:${file.path}`;
    // The file's icon comes from its name, as in the Explorer.
    item.resourceUri = worktreeFileUri(this.worktreePath, file.path);
    item.iconPath = vscode.ThemeIcon.File;
    const folder = path.posix.dirname(file.path);
    const letter = STATUS_LETTERS[file.status];
    item.description = folder === '.' ? letter : `${letter} · ${folder}`;
    const counts = file.binary ? 'binary' : `+${file.insertions} −${file.deletions}`;
    item.tooltip = `${file.path} — ${file.status}, ${counts}`;
    item.contextValue = 'changedFile';
    item.command = {
      command: CommandIds.reviewChanges,
      title: 'Open Changes',
      arguments: [{ taskId: this.taskId, path: file.path }],
    };
    return item;
  }
}
