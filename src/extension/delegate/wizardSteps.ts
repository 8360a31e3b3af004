/**
 * Steps shared by the wizards (Delegate Task, Schedule Task): a pick or a text step whose answer
 * is handed to `take`, with Escape, Back and title-bar buttons mapped to what the wizard loop does
 * next; the agent and priority steps both wizards ask, each reading and writing its field of the
 * wizard's answers; and the loop itself.
 */
import type * as vscode from 'vscode';
import type { Autonomy } from '../../core/autonomy';
import { modelNameProblem, type Priority } from '../../core/task';
import { type AgentItem, refusal } from './agentItems';
import { autonomyItems, modelProblem } from './autonomyItems';
import { askPick, askText, BACK, type StepPosition } from './quickInput';

/** What a wizard does after a step: go on, go back, show the step again, or stop. */
export type StepOutcome = 'next' | 'back' | 'again' | 'cancel';

export type Step<O extends string = never> = (at: StepPosition) => Promise<StepOutcome | O>;

/**
 * Runs the steps with step counters and Back until the last is done ('done'), one is dismissed
 * ('cancel') or one ends the wizard its own way (an outcome of `O`). `steps` is read again before
 * each step: an answer may add or remove later steps.
 */
export async function runSteps<O extends string = never>(
  title: string,
  steps: () => readonly Step<O>[],
): Promise<'done' | 'cancel' | O> {
  for (let i = 0; ; ) {
    const list = steps();
    if (i >= list.length) return 'done';
    const outcome = await list[i]!({ title, step: i + 1, totalSteps: list.length, canGoBack: i > 0 });
    if (outcome === 'next') i++;
    else if (outcome === 'back') i--;
    else if (outcome !== 'again') return outcome as 'cancel' | O;
  }
}

/** A pick step; `take` returning false shows the step again (e.g. a separator row was accepted). */
export async function pickStep<T extends vscode.QuickPickItem>(
  at: StepPosition,
  options: Parameters<typeof askPick<T>>[1],
  take: (item: T) => boolean | undefined,
): Promise<StepOutcome> {
  const result = await askPick(at, options);
  if (result === undefined) return 'cancel';
  if (result === BACK) return 'back';
  if ('pressed' in result) return 'again';
  return take(result) === false ? 'again' : 'next';
}

/** A text step without title-bar buttons. */
export async function textStep(
  at: StepPosition,
  options: Omit<Parameters<typeof askText>[1], 'buttons'>,
  take: (value: string) => void,
): Promise<StepOutcome> {
  const result = await askText(at, options);
  if (result === undefined) return 'cancel';
  if (result === BACK) return 'back';
  if (typeof result === 'object') return 'again';
  take(result);
  return 'next';
}

/**
 * Which agent: the current answer is active — at first the configured default, even when it
 * cannot run here (Enter then says why and the step stays open), never a row that merely comes
 * next, which could be `shell` running the prompt as a command line.
 */
export function agentStep(agents: readonly AgentItem[], answers: { agent: string }): Step {
  return (at) =>
    pickStep(
      at,
      {
        items: agents,
        active: agents.find((a) => a.agent === answers.agent),
        placeholder: 'Which agent? (Enter: the default)',
        refuse: refusal,
      },
      (item) => {
        if (!item.agent) return false;
        answers.agent = item.agent;
        return true;
      },
    );
}

const PRIORITY_ITEMS: (vscode.QuickPickItem & { priority: Priority })[] = [
  { label: 'P0', description: 'Urgent', detail: 'Runs before every P1 and P2 task waiting', priority: 'P0' },
  { label: 'P1', description: 'Normal (default)', detail: 'In the order delegated', priority: 'P1' },
  { label: 'P2', description: 'Low', detail: 'Runs when no P0 or P1 task is waiting', priority: 'P2' },
];

/** P0, P1 or P2; Enter keeps the current one (P1 unless chosen). */
export function priorityStep(answers: { priority: Priority }): Step {
  return (at) =>
    pickStep(
      at,
      {
        items: PRIORITY_ITEMS,
        active: PRIORITY_ITEMS.find((p) => p.priority === answers.priority),
        placeholder: 'Priority? (Enter: P1)',
      },
      (item) => {
        answers.priority = item.priority;
        return true;
      },
    );
}

/** read-only, edit or full, each with what it lets the agent do; Enter keeps the current one. */
export function autonomyStep(answers: { autonomy: Autonomy }, defaultLevel: Autonomy): Step {
  const items = autonomyItems(defaultLevel);
  return (at) =>
    pickStep(
      at,
      {
        items,
        active: items.find((i) => i.autonomy === answers.autonomy),
        placeholder: `How much may the agent do on its own? (Enter: ${answers.autonomy})`,
      },
      (item) => {
        answers.autonomy = item.autonomy;
        return true;
      },
    );
}

/** A model name, free text; empty is the agent's own default. `remembered` fills it per agent. */
export function modelStep(
  answers: { agent: string; model: string; modelOf?: string },
  remembered: (agent: string) => string,
): Step {
  return (at) => {
    const { agent } = answers;
    // A different agent (Back, another pick): start from what was used with that one.
    if (answers.modelOf !== agent) {
      answers.model = remembered(agent);
      answers.modelOf = agent;
    }
    return textStep(
      at,
      {
        value: answers.model,
        prompt: `Which model should ${agent} use? Empty: its own default (remembered for ${agent}).`,
        placeholder: `e.g. a model name ${agent} accepts; empty for the default`,
        validate: (value) => modelProblem(value, modelNameProblem),
      },
      (value) => {
        answers.model = value.trim();
      },
    );
  };
}
