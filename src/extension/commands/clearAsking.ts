/**
 * Clear Finished and Delete go through here: the engine refuses to delete a task whose worktree
 * holds changes that were never applied (UnappliedChangesError), and the user says what becomes
 * of them — discarded with the rest, or those tasks kept with their worktrees. Dismissing the
 * question deletes nothing.
 */
import * as vscode from 'vscode';
import type { Engine } from '../../engine/engine';
import { UnappliedChangesError } from '../../engine/worktrees/release';
import type { PruneResult } from '../../store';
import { canRunGit } from './canRunGit';

const DISCARD = 'Discard Them';
const KEEP = 'Keep Those';

/** What was deleted, and how many tasks were kept for their unapplied changes. */
export type ClearResult = PruneResult & { kept: number };

/** Deletes the finished tasks `ids` (all of them when undefined); undefined if the user gave up. */
export async function clearAsking(engine: Engine, ids?: readonly string[]): Promise<ClearResult | undefined> {
  // Deleting a worktree task asks git about its worktree first: not in Restricted Mode.
  if (!vscode.workspace.isTrusted && holdsWorktree(engine, ids) && !canRunGit()) return undefined;
  try {
    return { ...(await engine.clearFinished(ids)), kept: 0 };
  } catch (err) {
    if (!(err instanceof UnappliedChangesError)) throw err;
    const count = err.taskIds.length;
    const titles = err.taskIds.map((id) => `"${engine.resolve(id).title}"`);
    const choice = await vscode.window.showWarningMessage(
      `${count} task${count === 1 ? ' has' : 's have'} unapplied changes in ${count === 1 ? 'its worktree' : 'their worktrees'}`,
      {
        modal: true,
        detail: `${titles.slice(0, 5).join(', ')}${count > 5 ? ` and ${count - 5} more` : ''}. Discard Them deletes those changes with the tasks; Keep Those leaves those tasks and their worktrees, and deletes the rest.`,
      },
      DISCARD,
      KEEP,
    );
    if (!choice) return undefined;
    const unapplied = choice === DISCARD ? 'delete' : 'keep';
    return { ...(await engine.clearFinished(ids, { unapplied })), kept: unapplied === 'keep' ? count : 0 };
  }
}

function holdsWorktree(engine: Engine, ids: readonly string[] | undefined): boolean {
  const tasks = ids
    ? ids.map((id) => engine.resolve(id))
    : engine.list({ states: ['completed', 'failed', 'cancelled'] });
  return tasks.some((t) => t.worktreePath !== null && t.worktreeRemovedAt === null);
}
