import * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { checkAvailability } from '../../engine/agents';
import { agentItems, refusal } from '../delegate/agentItems';
import { describeSelection, type SelectionPart, selectionPrompt } from '../delegate/promptText';
import { askPick, askText, BACK } from '../delegate/quickInput';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { queueTask } from './queueTask';

const CHOOSE_AGENT = {
  key: 'agent' as const,
  button: { iconPath: new vscode.ThemeIcon('hubot'), tooltip: 'Choose Agent…' },
};

/**
 * Dispatch: Delegate Selection — the selected code, with its path and lines, becomes the context
 * of an instruction the user types. The agent is the default unless changed with the title-bar
 * button; one that cannot run here is said at once and refused on Enter, with the instruction
 * kept, so the user can choose another. The working folder is the file's workspace folder.
 */
export function delegateSelection(deps: CommandDeps) {
  return async (): Promise<Task | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const parts = editor ? selectionParts(editor) : [];
    if (!editor || parts.length === 0) {
      throw new DispatchError('invalid-input', 'Select the code to delegate in an editor first.');
    }
    if (!canStart()) return undefined;
    const config = deps.settings.current;
    const cwd = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri.fsPath;
    let agent = config.defaultAgent;
    let instruction = '';
    for (;;) {
      const at = { title: `Delegate Selection to ${agent}`, step: 1, totalSteps: 1, canGoBack: false };
      const prompt = `What should the agent do with ${describeSelection(parts)}?`;
      const cannotRun = unavailable(agent, config, cwd);
      const result = await askText(at, {
        value: instruction,
        prompt,
        placeholder: 'e.g. Explain this and add tests for the edge cases',
        live: () => ({ prompt, problem: cannotRun }),
        validate: (value) =>
          cannotRun ?? (value.trim() ? undefined : 'Say what the agent should do with the selection.'),
        buttons: [CHOOSE_AGENT],
      });
      if (result === undefined || result === BACK) return undefined;
      if (typeof result === 'string') {
        instruction = result;
        break;
      }
      instruction = result.value ?? instruction;
      const items = agentItems(config);
      const picked = await askPick(
        { title: 'Delegate Selection: agent', step: 1, totalSteps: 1, canGoBack: false },
        {
          items,
          active: items.find((i) => i.agent === agent),
          placeholder: 'Which agent?',
          refuse: refusal,
        },
      );
      if (picked && picked !== BACK && !('pressed' in picked) && picked.agent) agent = picked.agent;
    }
    return queueTask(deps, { prompt: selectionPrompt(instruction, parts), agent, cwd });
  };
}

/** Why `agent` cannot run here, with what to do (the title-bar button picks another). */
function unavailable(agent: string, config: DispatchConfig, cwd: string | undefined): string | undefined {
  const availability = checkAvailability(agent, config, { cwd });
  return availability.available
    ? undefined
    : `${availability.why}, or pick another agent (Choose Agent… in the title bar)`;
}

function selectionParts(editor: vscode.TextEditor): SelectionPart[] {
  const { document } = editor;
  const path =
    document.uri.scheme === 'file' ? vscode.workspace.asRelativePath(document.uri, false) : document.fileName;
  return [...editor.selections]
    .filter((s) => !s.isEmpty)
    .sort((a, b) => a.start.compareTo(b.start))
    .map((s) => {
      // A selection of whole lines ends at column 0 of the next line, which is not part of it.
      const endLine = s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line;
      return {
        path,
        startLine: s.start.line + 1,
        endLine: endLine + 1,
        languageId: document.languageId,
        text: document.getText(s),
      };
    });
}
