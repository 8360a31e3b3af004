import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { promptFromDocument } from '../delegate/promptText';
import { canStart } from './canStart';
import { delegateWith } from './delegateTask';
import type { CommandDeps } from './deps';

/**
 * "Delegate Prompt" in a prompt editor's title bar: the Enter of Delegate Task for a prompt
 * written in an editor — queued with the choices made in the box before, then the editor closes.
 */
export function delegatePrompt(deps: CommandDeps) {
  return async (): Promise<Task | undefined> => {
    const document = vscode.window.activeTextEditor?.document;
    const pending = document && deps.prompts.pending(document);
    if (!document || !pending) {
      throw new DispatchError(
        'invalid-input',
        'Open a prompt with "Write in Editor…" in Delegate Task first.',
      );
    }
    const prompt = promptFromDocument(document.getText());
    if (!prompt)
      throw new DispatchError('invalid-input', 'The prompt is empty: say what the agent should do.');
    if (!canStart()) return undefined;
    const task = await delegateWith(deps, { ...pending.input, prompt }, pending.choices);
    await deps.prompts.discard(document);
    return task;
  };
}
