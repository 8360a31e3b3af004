/**
 * Dispatch: Delegate Task as a multi-step quick input: prompt → agent → model → autonomy →
 * priority → working folder → run after, with step counters and Back; Enter on the later steps
 * accepts the defaults (the configured agent, the model last used with it, `dispatch.autonomy`,
 * P1, the first workspace folder, start now). The model step is skipped for an agent that takes
 * no model, the autonomy step for the shell agent (it runs with the user's own permissions). "Run after…" is offered when
 * there are tasks to wait for: check any number; with "Continue from" on, the one checked task's
 * context (prompt, outcome, output tail, git state) is put before the new prompt. A long prompt can be written in an editor
 * instead ("Write in Editor…"): the wizard then ends with that choice, and resumes at the agent
 * step when the prompt is delegated from its editor.
 */
import * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { DEFAULT_PRIORITY, type Priority, type Task } from '../../core/task';
import { agentTemplate } from '../../engine/agents';
import type { DelegateInput } from '../../engine/submit/taskInput';
import { agentItems } from './agentItems';
import { folderStep } from './folderStep';
import { askPicks, askText, BACK, type StepPosition } from './quickInput';
import { type RunAfterItem, runAfterItems } from './runAfterItems';
import { agentStep, autonomyStep, modelStep, priorityStep, runSteps, type StepOutcome } from './wizardSteps';

export type WizardResult =
  | { kind: 'delegate'; input: DelegateInput }
  /** The user chose to write the prompt in an editor, starting from `draft`. */
  | { kind: 'editor'; draft: string };

type Outcome = StepOutcome | 'editor';

const WRITE_IN_EDITOR = {
  key: 'editor' as const,
  button: { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Write in Editor… (for a longer prompt)' },
};

export async function runDelegateWizard(options: {
  config: DispatchConfig;
  folders: readonly vscode.WorkspaceFolder[];
  /** Known already (written in an editor): the wizard starts at the agent. */
  prompt?: string;
  /** Tasks the new one may wait for (see runAfterItems.ts); none: no "Run after…" step. */
  candidates?: readonly Task[];
  /** The model last used with an agent ('' for its default). */
  rememberedModel?: (agent: string) => string;
}): Promise<WizardResult | undefined> {
  const { config, folders } = options;
  const agents = agentItems(config);
  const afterItems = runAfterItems(options.candidates ?? []);
  const answers = {
    prompt: options.prompt ?? '',
    agent: config.defaultAgent,
    model: '',
    modelOf: undefined as string | undefined,
    autonomy: config.autonomy,
    priority: DEFAULT_PRIORITY as Priority,
    cwd: folders[0]?.uri.fsPath,
    after: [] as readonly RunAfterItem[],
    continueFrom: false,
  };

  const askPrompt = async (at: StepPosition): Promise<Outcome> => {
    const result = await askText(at, {
      value: answers.prompt,
      prompt: 'What should the agent do? For a longer prompt, press the pencil: Write in Editor…',
      placeholder: 'e.g. Add unit tests for src/parser.ts and make them pass',
      validate: (value) => (value.trim() ? undefined : 'Say what the agent should do.'),
      buttons: [WRITE_IN_EDITOR],
    });
    if (result === undefined) return 'cancel';
    if (result === BACK) return 'back';
    if (typeof result === 'object') {
      answers.prompt = result.value ?? answers.prompt;
      return 'editor';
    }
    answers.prompt = result;
    return 'next';
  };

  const askAgent = agentStep(agents, answers);

  const askModel = modelStep(answers, options.rememberedModel ?? (() => ''));

  const askAutonomy = autonomyStep(answers, config.autonomy);

  const takesModel = () => {
    try {
      return agentTemplate(answers.agent, config).modelArgs !== undefined;
    } catch {
      return false;
    }
  };

  const askPriority = priorityStep(answers);

  const askCwd = folderStep(folders, answers);

  const askAfter = async (at: StepPosition): Promise<Outcome> => {
    const result = await askPicks(at, {
      items: afterItems,
      selected: answers.after,
      placeholder: (on) =>
        on
          ? 'Run after… and continue from the checked task (its context comes first). Enter: accept'
          : 'Run after…? Check the tasks to wait for (Enter with none: start now)',
      toggle: { on: answers.continueFrom, button: continueFromButton },
      refuse: (items, on) =>
        on && items.length !== 1
          ? 'Continue from takes one task: check exactly one, or turn Continue from off.'
          : undefined,
    });
    if (result === undefined) return 'cancel';
    if (result === BACK) return 'back';
    if ('pressed' in result) return 'again';
    answers.after = result.items;
    answers.continueFrom = result.toggled;
    return 'next';
  };

  // Read before each step: the agent picked decides whether the model and autonomy steps come.
  const steps = () => [
    ...(options.prompt === undefined ? [askPrompt] : []),
    askAgent,
    ...(takesModel() ? [askModel] : []),
    ...(answers.agent === 'shell' ? [] : [askAutonomy]),
    askPriority,
    askCwd,
    ...(afterItems.length ? [askAfter] : []),
  ];
  const end = await runSteps<'editor'>('Delegate Task', steps);
  if (end === 'cancel') return undefined;
  if (end === 'editor') return { kind: 'editor', draft: answers.prompt };
  const { prompt, agent, priority, cwd, autonomy } = answers;
  const after = answers.after.flatMap((item) => (item.taskId ? [item.taskId] : []));
  const waits = answers.continueFrom ? { continueFrom: after[0] } : after.length ? { after } : {};
  // An empty model is the agent's default (its dispatch.agents model, else the CLI's own).
  const model = takesModel() && answers.model ? { model: answers.model } : {};
  return { kind: 'delegate', input: { prompt, agent, priority, cwd, autonomy, ...model, ...waits } };
}

function continueFromButton(on: boolean): vscode.QuickInputButton {
  return on
    ? {
        iconPath: new vscode.ThemeIcon('link'),
        tooltip: 'Continue from: on — the new task starts with the checked task’s context. Press to turn off',
      }
    : {
        iconPath: new vscode.ThemeIcon('debug-disconnect'),
        tooltip: 'Continue from: off — press to start the new task with the checked task’s context',
      };
}
