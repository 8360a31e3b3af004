/**
 * Steps shared by the wizards (Delegate Task, Schedule Task): a pick or a text step whose answer
 * is handed to `take`, with Escape, Back and title-bar buttons mapped to what the wizard loop does
 * next, and the agent step both wizards ask.
 */
import type * as vscode from 'vscode';
import type { AgentItem } from './agentItems';
import { askPick, askText, BACK, type StepPosition } from './quickInput';

/** What a wizard does after a step: go on, go back, show the step again, or stop. */
export type StepOutcome = 'next' | 'back' | 'again' | 'cancel';

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

/** Which agent: the current one is active (else the first that can run); one that cannot is refused. */
export function agentStep(
  agents: readonly AgentItem[],
  current: () => string,
  set: (agent: string) => void,
): (at: StepPosition) => Promise<StepOutcome> {
  return (at) =>
    pickStep(
      at,
      {
        items: agents,
        active:
          agents.find((a) => a.agent === current() && !a.unavailable) ??
          agents.find((a) => a.agent && !a.unavailable),
        placeholder: 'Which agent? (Enter: the default)',
        refuse: (item) => item.unavailable && `${item.agent} cannot run here: ${item.unavailable}`,
      },
      (item) => {
        if (!item.agent) return false;
        set(item.agent);
        return true;
      },
    );
}
