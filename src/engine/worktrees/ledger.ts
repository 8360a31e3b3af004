/**
 * The record of a worktree on disk, `output/<task id>.worktree.json`, written *before* git creates
 * it and removed after git removed it. The database says which tasks have worktrees; this says
 * which worktrees exist, so recovery can find the ones whose task is gone (a crash between
 * deleting a task and removing its worktree, a database that was reset) without scanning a root
 * folder that other workspaces may share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../../store';
import { removeIfExists } from './files';

export interface LedgerEntry {
  taskId: string;
  /** The repository the worktree belongs to (its main work tree). */
  repo: string;
  path: string;
  branch: string;
  base: string;
}

const SUFFIX = '.worktree.json';

export function ledgerFile(outputDir: string, taskId: string): string {
  // Starts with `<id>.` so it also goes with the task's other files once the worktree is gone.
  return path.join(outputDir, `${taskId}${SUFFIX}`);
}

export function writeLedger(outputDir: string, entry: LedgerEntry): void {
  writeJsonAtomic(ledgerFile(outputDir, entry.taskId), entry);
}

export function removeLedger(outputDir: string, taskId: string): void {
  removeIfExists(ledgerFile(outputDir, taskId));
}

/** Every readable record; a damaged one is skipped (it names nothing we could act on safely). */
export function listLedger(outputDir: string): LedgerEntry[] {
  let names: string[];
  try {
    names = readdirSync(outputDir).filter((n) => n.endsWith(SUFFIX));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const entry = JSON.parse(readFileSync(path.join(outputDir, name), 'utf8')) as Partial<LedgerEntry>;
      const fields = [entry.taskId, entry.repo, entry.path, entry.branch, entry.base];
      return fields.every((f) => typeof f === 'string' && f !== '') ? [entry as LedgerEntry] : [];
    } catch {
      return [];
    }
  });
}
