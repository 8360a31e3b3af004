/**
 * Whether this window may start tasks, and if not, why in words and what fixes it. Pure, so the
 * untrusted path is unit-tested; canStart.ts shows it. Agents run commands in the workspace with
 * the workspace's settings, so an untrusted workspace may look at tasks but start none — not even
 * by queueing one for a trusted window to run.
 */
export interface StartBlock {
  reason: 'no-folder' | 'not-on-disk' | 'untrusted';
  message: string;
  action: { title: string; command: string };
}

export function startBlock(workspace: {
  folderScheme: string | undefined;
  trusted: boolean;
}): StartBlock | undefined {
  if (workspace.folderScheme === undefined) {
    return {
      reason: 'no-folder',
      message:
        'Open a folder to delegate tasks: they run in it and are shared through its .vscode/dispatch folder.',
      action: { title: 'Open Folder', command: 'workbench.action.files.openFolder' },
    };
  }
  if (workspace.folderScheme !== 'file') {
    return {
      reason: 'not-on-disk',
      message: `Agent Dispatch runs agents in a folder on disk; this workspace is on "${workspace.folderScheme}".`,
      action: { title: 'Open Folder', command: 'workbench.action.files.openFolder' },
    };
  }
  if (!workspace.trusted) {
    return {
      reason: 'untrusted',
      message:
        'This workspace is not trusted, so Agent Dispatch starts no agents here (they run commands in this folder). Tasks and their output can still be read.',
      action: { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
    };
  }
  return undefined;
}
