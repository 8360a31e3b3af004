import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { runDelegateWizard } from '../delegate/delegateWizard';
import { promptFromDocument } from '../delegate/promptText';
import { runAfterCandidates } from '../delegate/runAfterItems';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { queueTask } from './queueTask';

/** "Delegate Prompt" in a prompt editor's title bar: the rest of Delegate Task, then close it. */
export function delegatePrompt(deps: CommandDeps) {
  return async (): Promise<Task | undefined> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !deps.prompts.isPrompt(document)) {
      throw new DispatchError(
        'invalid-input',
        'Open a prompt with "Write in Editor…" in Delegate Task first.',
      );
    }
    const prompt = promptFromDocument(document.getText());
    if (!prompt)
      throw new DispatchError('invalid-input', 'The prompt is empty: say what the agent should do.');
    if (!canStart()) return undefined;
    const result = await runDelegateWizard({
      config: deps.settings.current,
      folders: vscode.workspace.workspaceFolders ?? [],
      candidates: runAfterCandidates((filter) => deps.host.engine?.list(filter) ?? []),
      prompt,
    });
    if (result?.kind !== 'delegate') return undefined;
    const task = await queueTask(deps, result.input);
    await deps.prompts.discard(document);
    return task;
  };
}
