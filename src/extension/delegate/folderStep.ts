/**
 * The working-folder step of the wizards: the workspace folders (the current choice first if it
 * is elsewhere) and Browse… for any other folder.
 */
import * as vscode from 'vscode';
import { askPick, BACK, type StepPosition } from './quickInput';
import type { Step } from './wizardSteps';

export function folderStep(
  folders: readonly vscode.WorkspaceFolder[],
  answers: { cwd: string | undefined },
): Step {
  return async (at) => {
    const result = await askFolder(at, folders, answers.cwd);
    if (result === undefined) return 'cancel';
    if (result === BACK) return 'back';
    if (result === null) return 'again'; // Browse… was dismissed: back to the list
    answers.cwd = result;
    return 'next';
  };
}

type FolderItem = vscode.QuickPickItem & { path?: string };

/** A workspace folder, or one chosen with Browse… (null when that dialog was dismissed). */
async function askFolder(
  at: StepPosition,
  folders: readonly vscode.WorkspaceFolder[],
  current: string | undefined,
): Promise<string | null | typeof BACK | undefined> {
  const items: FolderItem[] = folders.map((f) => ({
    label: `$(root-folder) ${f.name}`,
    description: f.uri.fsPath,
    path: f.uri.fsPath,
  }));
  if (current && !items.some((i) => i.path === current)) {
    items.unshift({
      label: `$(folder) ${vscode.workspace.asRelativePath(current)}`,
      description: current,
      path: current,
    });
  }
  items.push({ label: '$(folder-opened) Browse…', description: 'another folder' });
  const result = await askPick(at, {
    items,
    active: items.find((i) => i.path === current) ?? items[0],
    placeholder: 'Working folder? (Enter: the first)',
  });
  if (result === undefined || result === BACK) return result;
  if ('pressed' in result) return null;
  if (result.path) return result.path;
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: folders[0]?.uri,
    openLabel: 'Use as Working Folder',
  });
  return chosen?.[0]?.fsPath ?? null;
}
