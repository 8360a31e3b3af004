import * as vscode from 'vscode';

/**
 * True if this window may run git on a task's worktree; otherwise says why and offers the fix.
 * Reading a worktree's changes stages its files, which runs the filters the repository's own
 * config names, and applying runs git in the workspace: in Restricted Mode neither runs, as
 * VS Code's own git extension does not.
 */
export function canRunGit(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      "This workspace is not trusted, so Agent Dispatch runs no git command in it (git runs the repository's own filters and hooks): trust it to review, apply, discard or delete a worktree task.",
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
