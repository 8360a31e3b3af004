/**
 * The autonomy step's rows: each level with one line on what it lets the agent do, the current
 * default marked. Only types from vscode, so it is unit-tested in plain Node.
 */
import type * as vscode from 'vscode';
import { AUTONOMY_DESCRIPTIONS, AUTONOMY_LEVELS, type Autonomy } from '../../core/autonomy';

export interface AutonomyItem extends vscode.QuickPickItem {
  autonomy: Autonomy;
}

export function autonomyItems(defaultLevel: Autonomy): AutonomyItem[] {
  return AUTONOMY_LEVELS.map((level) => ({
    label: level,
    description: level === defaultLevel ? 'default (dispatch.autonomy)' : undefined,
    detail: AUTONOMY_DESCRIPTIONS[level],
    autonomy: level,
  }));
}

/** The key a model is remembered under, per agent (globalState): the next task of that agent starts with it. */
export const modelMemoryKey = (agent: string) => `dispatch.model.${agent}`;

/** "opus": a problem with the typed model name, checked as the engine will (core/task.ts). */
export function modelProblem(
  value: string,
  problem: (model: string) => string | undefined,
): string | undefined {
  const model = value.trim();
  if (model === '') return undefined; // the agent's default
  const why = problem(model);
  return why ? `${why}. Leave it empty for the agent's default.` : undefined;
}
