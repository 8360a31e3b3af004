/**
 * What Delegate Task sends besides the prompt, and how its one input box shows it: the line under
 * the input ("claude · edit · default model · normal priority") and the title-bar buttons'
 * tooltips ("Agent: claude"), each saying its current value. Only types from vscode, so it is
 * unit-tested in plain Node.
 */
import type { Autonomy } from '../../core/autonomy';
import type { Priority } from '../../core/task';
import type { DelegateInput } from '../../engine/submit/taskInput';

export interface DelegateChoices {
  agent: string;
  /** '' for the agent's own default. */
  model: string;
  /** The agent `model` was last set for (a new agent starts from what was used with it). */
  modelOf?: string;
  autonomy: Autonomy;
  priority: Priority;
  /** Its own git worktree; offered only when the folder is in a git repository. */
  worktree: boolean;
  cwd: string | undefined;
  /** Ids of the tasks to wait for. */
  after: readonly string[];
  /** With one task in `after`: start with its context. */
  continueFrom: boolean;
}

export const PRIORITY_WORDS: Record<Priority, string> = { P0: 'urgent', P1: 'normal', P2: 'low' };

/** What the input knows of the agent and the folder when it draws. */
export interface ChoicesView {
  /** The agent takes a model (its template has model flags). */
  takesModel: boolean;
  /** The folder is in a git repository: the worktree button shows. */
  inRepository: boolean;
  /** More than one workspace folder: the folder button shows, and the line names it. */
  folderName?: string;
}

/** "claude · edit · default model · normal priority · worktree · after 2 tasks" */
export function choicesLine(choices: DelegateChoices, view: ChoicesView): string {
  const parts = [choices.agent];
  if (choices.agent !== 'shell') parts.push(choices.autonomy);
  if (view.takesModel) parts.push(choices.model ? `model ${choices.model}` : 'default model');
  parts.push(`${PRIORITY_WORDS[choices.priority]} priority`);
  if (view.inRepository && choices.worktree) parts.push('own worktree');
  if (view.folderName) parts.push(`in ${view.folderName}`);
  const n = choices.after.length;
  if (n) parts.push(choices.continueFrom ? 'continues from 1 task' : `after ${n} task${n === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export type ChoiceKey = 'agent' | 'autonomy' | 'model' | 'worktree' | 'priority' | 'after' | 'folder';

/** A title-bar button's tooltip: what it sets and its value now ("Model: default"). */
export function choiceTooltip(key: ChoiceKey, choices: DelegateChoices, view: ChoicesView): string {
  switch (key) {
    case 'agent':
      return `Agent: ${choices.agent}`;
    case 'autonomy':
      return `Autonomy: ${choices.autonomy}`;
    case 'model':
      return `Model: ${choices.model || 'default'}`;
    case 'worktree':
      return `Worktree: ${choices.worktree ? 'on' : 'off'} (press to turn ${choices.worktree ? 'off' : 'on'})`;
    case 'priority':
      return `Priority: ${PRIORITY_WORDS[choices.priority]}`;
    case 'after': {
      const n = choices.after.length;
      return n === 0 ? 'Run after…' : `Run after…: ${n} task${n === 1 ? '' : 's'}`;
    }
    case 'folder':
      return `Folder: ${view.folderName ?? ''}`;
  }
}

/** The buttons the input shows, in title-bar order, for this agent and folder. */
export function choiceKeys(choices: DelegateChoices, view: ChoicesView & { canWait: boolean }): ChoiceKey[] {
  return [
    'agent',
    ...(choices.agent === 'shell' ? [] : ['autonomy' as const]),
    ...(view.takesModel ? ['model' as const] : []),
    ...(view.inRepository ? ['worktree' as const] : []),
    'priority',
    ...(view.canWait ? ['after' as const] : []),
    ...(view.folderName ? ['folder' as const] : []),
  ];
}

/** The task to queue: the prompt with the choices that apply to this agent and folder. */
export function taskInputOf(prompt: string, choices: DelegateChoices, view: ChoicesView): DelegateInput {
  const { agent, priority, cwd, autonomy } = choices;
  const waits = choices.continueFrom
    ? { continueFrom: choices.after[0] }
    : choices.after.length
      ? { after: choices.after }
      : {};
  // An empty model is the agent's default (its dispatch.agents model, else the CLI's own).
  const model = view.takesModel && choices.model ? { model: choices.model } : {};
  // Said only when the folder can have one; otherwise dispatch.worktree.mode decides.
  const worktree = view.inRepository ? { worktree: choices.worktree } : {};
  return { prompt, agent, priority, cwd, autonomy, ...model, ...worktree, ...waits };
}
