/**
 * Prompts written in an editor ("Write in Editor…" in Delegate Task): an untitled Markdown
 * document holding the draft, then a guidance line, and the context key that shows the "Delegate
 * Prompt" action in its title bar while it is the active editor. The choices made in the Delegate
 * Task box go with it; delegating closes it without a save prompt.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../commandIds';
import type { Delegation } from './delegateBox';
import { PROMPT_GUIDE } from './promptText';

export interface PromptEditors extends vscode.Disposable {
  /** Opens a new prompt document holding `draft`, with the cursor at its end. */
  open(draft: string, pending: Delegation): Promise<void>;
  isPrompt(document: vscode.TextDocument): boolean;
  /** What was chosen in Delegate Task before the prompt moved to this editor. */
  pending(document: vscode.TextDocument): Delegation | undefined;
  /** Closes the prompt document without asking to save it. */
  discard(document: vscode.TextDocument): Promise<void>;
}

export function createPromptEditors(): PromptEditors {
  const open = new Map<string, Delegation>();
  let shown: boolean | undefined;
  const update = () => {
    const active = vscode.window.activeTextEditor?.document;
    const value = active !== undefined && open.has(active.uri.toString());
    if (value === shown) return;
    shown = value;
    void vscode.commands.executeCommand('setContext', ContextKeys.promptEditor, value);
  };
  const subscriptions = [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      open.delete(doc.uri.toString());
      update();
    }),
  ];

  return {
    async open(draft, pending) {
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `${draft}\n\n${PROMPT_GUIDE}\n`,
      });
      open.set(document.uri.toString(), pending);
      // The cursor at the end of the draft, ready to go on typing.
      const end = document.lineAt(0).range.end;
      await vscode.window.showTextDocument(document, {
        preview: false,
        selection: new vscode.Range(end, end),
      });
      update();
    },
    isPrompt: (document) => open.has(document.uri.toString()),
    pending: (document) => open.get(document.uri.toString()),
    async discard(document) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}
