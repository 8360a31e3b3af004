/**
 * The agent picker's rows: the configured default first, then the others that can run here, then
 * the ones that cannot (marked, with why, and refused when picked). Only types from vscode, so
 * it is unit-tested in plain Node.
 */
import type * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { BUILTIN_AGENTS, checkAvailability, knownAgentNames } from '../../engine/agents';
import type { Availability } from '../../engine/agents/types';

export interface AgentItem extends vscode.QuickPickItem {
  agent?: string;
  /** Why this agent cannot run here. */
  unavailable?: string;
}

const SEPARATOR = -1 as vscode.QuickPickItemKind.Separator;

export function agentItems(
  config: Pick<DispatchConfig, 'agents' | 'defaultAgent'>,
  check: (name: string) => Availability = (name) => checkAvailability(name, config),
): AgentItem[] {
  const names = knownAgentNames(config);
  const ordered = names.includes(config.defaultAgent)
    ? [config.defaultAgent, ...names.filter((n) => n !== config.defaultAgent)]
    : names;
  const usable: AgentItem[] = [];
  const unusable: AgentItem[] = [];
  for (const name of ordered) {
    const about = config.agents[name]?.description ?? BUILTIN_AGENTS[name]?.description ?? 'custom agent';
    const description = name === config.defaultAgent ? `default · ${about}` : about;
    const availability = check(name);
    if (availability.available) {
      usable.push({ label: name, description, agent: name });
    } else {
      const why = availability.why ?? 'cannot run here';
      unusable.push({ label: `$(warning) ${name}`, description, detail: why, agent: name, unavailable: why });
    }
  }
  if (unusable.length === 0) return usable;
  return [...usable, { label: 'cannot run here', kind: SEPARATOR }, ...unusable];
}
