import * as vscode from 'vscode';
import { clearAsking } from './clearAsking';
import type { CommandDeps } from './deps';

/** Dispatch: Clear Finished Tasks — every completed, failed and cancelled task and its output. */
export function clearFinished(deps: CommandDeps) {
  return async () => {
    const engine = await deps.host.require();
    const counts = engine.state.read((r) => r.tasks.counts());
    const finished = counts.completed + counts.failed + counts.cancelled;
    if (finished === 0) {
      void vscode.window.showInformationMessage('There are no finished tasks to clear.');
      return undefined;
    }
    const choice = await vscode.window.showWarningMessage(
      `Delete ${finished} finished task${finished === 1 ? '' : 's'} and their output in every window of this workspace? This cannot be undone.`,
      {
        modal: true,
        detail: `${counts.completed} completed, ${counts.failed} failed, ${counts.cancelled} cancelled`,
      },
      'Delete',
    );
    if (choice !== 'Delete') return undefined;
    const result = await clearAsking(engine);
    if (!result) return undefined;
    void vscode.window.showInformationMessage(
      `Deleted ${result.tasks} finished task${result.tasks === 1 ? '' : 's'} and ${result.files} output files.` +
        (result.kept ? ` Kept ${result.kept} with unapplied changes.` : ''),
    );
    return result;
  };
}
