/**
 * Dispatch: Delegate Task in one step: one input box for the prompt, Enter delegates with the
 * defaults (the configured agent or the one last chosen in this workspace, the model last used
 * with it, `dispatch.autonomy`, normal priority, the first folder, start now). Everything else is
 * a title-bar button that says its value in its tooltip and opens a small pick; Escape or Back
 * there comes back to the box with the prompt as it was typed. The worktree button shows only
 * for a folder in a git repository, the folder button only in a multi-root workspace, Run after…
 * only when there are tasks to wait for. An agent that cannot run here is said under the input,
 * Enter is refused, and an Install… button runs its install command when it has one.
 */
import * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { DEFAULT_PRIORITY, type Task } from '../../core/task';
import { agentTemplate, checkAvailability, knownAgentNames } from '../../engine/agents';
import type { DelegateInput } from '../../engine/submit/taskInput';
import { agentItems } from './agentItems';
import {
  type ChoiceKey,
  type ChoicesView,
  choiceKeys,
  choicesLine,
  choiceTooltip,
  type DelegateChoices,
  taskInputOf,
} from './delegateChoices';
import { folderStep } from './folderStep';
import { askPicks, askText, BACK, type StepButton, type StepPosition } from './quickInput';
import { runAfterItems } from './runAfterItems';
import { agentStep, autonomyStep, modelStep, priorityStep, type Step, type StepOutcome } from './wizardSteps';

/** The task to queue, and the choices behind it (remembered for the next time). */
export interface Delegation {
  input: DelegateInput;
  choices: DelegateChoices;
}

export type DelegateBoxResult =
  | ({ kind: 'delegate' } & Delegation)
  /** The user chose to write the prompt in an editor; `input` holds the draft as its prompt. */
  | ({ kind: 'editor' } & Delegation);

export interface DelegateBoxOptions {
  config: DispatchConfig;
  folders: readonly vscode.WorkspaceFolder[];
  /** Tasks the new one may wait for (see runAfterItems.ts); none: no Run after… button. */
  candidates: readonly Task[];
  /** The model last used with an agent ('' for its default). */
  rememberedModel: (agent: string) => string;
  /** Chosen last time in this workspace. */
  remembered: { agent?: string; worktree?: boolean };
  inRepository: (folder: string) => Promise<boolean>;
  /** Runs an agent's install command where the user sees it (a terminal). */
  install: (agent: string, command: string) => void;
}

const TITLE = 'Delegate Task';

const ICONS: Record<ChoiceKey, string> = {
  agent: 'hubot',
  autonomy: 'shield',
  model: 'sparkle',
  worktree: 'git-branch',
  priority: 'list-ordered',
  after: 'watch',
  folder: 'root-folder',
};

type BoxKey = ChoiceKey | 'editor' | 'install';

const WRITE_IN_EDITOR: StepButton<BoxKey> = {
  key: 'editor',
  button: { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Write in Editor… (for a longer prompt)' },
};

export async function askDelegate(options: DelegateBoxOptions): Promise<DelegateBoxResult | undefined> {
  const { config, folders } = options;
  const remembered = options.remembered.agent;
  const choices: DelegateChoices = {
    agent: remembered && knownAgentNames(config).includes(remembered) ? remembered : config.defaultAgent,
    model: '',
    autonomy: config.autonomy,
    priority: DEFAULT_PRIORITY,
    worktree: options.remembered.worktree ?? config['worktree.mode'] === 'on',
    cwd: folders[0]?.uri.fsPath,
    after: [],
    continueFrom: false,
  };
  const repositories = new Map<string, boolean>();
  const inRepository = async (folder: string | undefined) => {
    if (!folder) return false;
    if (!repositories.has(folder)) repositories.set(folder, await options.inRepository(folder));
    return repositories.get(folder)!;
  };
  let prompt = '';
  for (;;) {
    // A different agent starts from the model last used with that one.
    if (choices.modelOf !== choices.agent) {
      choices.model = options.rememberedModel(choices.agent);
      choices.modelOf = choices.agent;
    }
    const view: ChoicesView = {
      takesModel: takesModel(choices.agent, config),
      inRepository: await inRepository(choices.cwd),
      folderName: folders.length > 1 ? folderName(choices.cwd, folders) : undefined,
    };
    const cannotRun = () => unavailable(choices.agent, config, choices.cwd);
    const problem = cannotRun();
    const keys = choiceKeys(choices, { ...view, canWait: options.candidates.length > 0 });
    const buttons: StepButton<BoxKey>[] = [
      WRITE_IN_EDITOR,
      ...(problem?.install ? [installButton(choices.agent, problem.install)] : []),
      ...keys.map((key) => ({
        key,
        button: { iconPath: new vscode.ThemeIcon(ICONS[key]), tooltip: choiceTooltip(key, choices, view) },
      })),
    ];
    const line = `${choicesLine(choices, view)} — the buttons above change these`;
    const result = await askText<BoxKey>(
      { title: TITLE, canGoBack: false },
      {
        value: prompt,
        prompt: line,
        placeholder: 'What should the agent do? e.g. Add unit tests for src/parser.ts and make them pass',
        live: () => ({ prompt: line, problem: problem?.why }),
        // Looked at again on Enter: the agent may have been installed since the box opened.
        validate: (value) => cannotRun()?.why ?? (value.trim() ? undefined : 'Say what the agent should do.'),
        buttons,
      },
    );
    if (result === undefined || result === BACK) return undefined;
    if (typeof result === 'string')
      return { kind: 'delegate', input: taskInputOf(result, choices, view), choices };
    prompt = result.value ?? prompt;
    if (result.pressed === 'editor')
      return { kind: 'editor', input: taskInputOf(prompt, choices, view), choices };
    if (result.pressed === 'install' && problem?.install) options.install(choices.agent, problem.install);
    else if (result.pressed === 'worktree') choices.worktree = !choices.worktree;
    else if (result.pressed !== 'install') await change(result.pressed, choices, options);
  }
}

/** One button's pick; whatever ends it (a choice, Back, Escape), the box comes back. */
async function change(key: ChoiceKey, choices: DelegateChoices, options: DelegateBoxOptions): Promise<void> {
  const step = stepFor(key, choices, options);
  if (!step) return;
  const at: StepPosition = { title: `${TITLE}: ${key === 'after' ? 'run after…' : key}`, canGoBack: true };
  let outcome: StepOutcome;
  do outcome = await step(at);
  while (outcome === 'again');
}

function stepFor(key: ChoiceKey, choices: DelegateChoices, options: DelegateBoxOptions): Step | undefined {
  const { config } = options;
  switch (key) {
    case 'agent':
      return agentStep(agentItems(config), choices);
    case 'autonomy':
      return autonomyStep(choices, config.autonomy);
    case 'model':
      return modelStep(choices, options.rememberedModel);
    case 'priority':
      return priorityStep(choices);
    case 'folder':
      return folderStep(options.folders, choices);
    case 'after':
      return (at) => afterStep(at, choices, options.candidates);
    case 'worktree':
      return undefined; // a toggle, flipped in the box
  }
}

/** Run after…: check the tasks to wait for; "Continue from" starts with the one checked task's context. */
async function afterStep(
  at: StepPosition,
  choices: DelegateChoices,
  candidates: readonly Task[],
): Promise<StepOutcome> {
  const items = runAfterItems(candidates);
  const result = await askPicks(at, {
    items,
    selected: items.filter((i) => i.taskId && choices.after.includes(i.taskId)),
    placeholder: (on) =>
      on
        ? 'Run after… and continue from the checked task (its context comes first). Enter: accept'
        : 'Run after…? Check the tasks to wait for (Enter with none: start now)',
    toggle: { on: choices.continueFrom, button: continueFromButton },
    refuse: (checked, on) =>
      on && checked.length !== 1
        ? 'Continue from takes one task: check exactly one, or turn Continue from off.'
        : undefined,
  });
  if (result === undefined) return 'cancel';
  if (result === BACK) return 'back';
  if ('pressed' in result) return 'again';
  choices.after = result.items.flatMap((item) => (item.taskId ? [item.taskId] : []));
  choices.continueFrom = result.toggled;
  return 'next';
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

function installButton(agent: string, command: string): StepButton<BoxKey> {
  return {
    key: 'install',
    button: { iconPath: new vscode.ThemeIcon('cloud-download'), tooltip: `Install ${agent}… (${command})` },
  };
}

/** Why the agent cannot run here, in one line with what to do, and its install command if any. */
function unavailable(
  agent: string,
  config: DispatchConfig,
  cwd: string | undefined,
): { why: string; install?: string } | undefined {
  const availability = checkAvailability(agent, config, { cwd });
  if (availability.available) return undefined;
  const why = `${availability.why ?? `${agent} cannot run here`}, or pick another agent (the Agent button)`;
  return { why, install: availability.install };
}

function takesModel(agent: string, config: DispatchConfig): boolean {
  try {
    return agentTemplate(agent, config).modelArgs !== undefined;
  } catch {
    return false;
  }
}

function folderName(cwd: string | undefined, folders: readonly vscode.WorkspaceFolder[]): string {
  const folder = folders.find((f) => f.uri.fsPath === cwd);
  return folder?.name ?? (cwd ? vscode.workspace.asRelativePath(cwd) : '');
}
