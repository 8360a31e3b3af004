/**
 * The agent picker's rows: the configured default first — always, even when it cannot run here,
 * so that Enter ("the default") lands on it and is refused with the reason rather than on
 * whatever row happens to be first — then the others that can run (`shell` last of those: it is
 * the one agent that runs the prompt as a command line, so it is only ever picked on purpose),
 * then the ones that cannot run (marked, with why). Only types from vscode, so it is unit-tested
 * in plain Node.
 */
import type * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { BUILTIN_AGENTS, checkAvailability, knownAgentNames } from '../../engine/agents';
import type { Availability } from '../../engine/agents/types';

export interface AgentItem extends vscode.QuickPickItem {
  agent?: string;
  /** Why this agent cannot run here, in one line. */
  unavailable?: string;
}

const SEPARATOR = -1 as vscode.QuickPickItemKind.Separator;

export function agentItems(
  config: Pick<DispatchConfig, 'agents' | 'defaultAgent'>,
  check: (name: string) => Availability = (name) => checkAvailability(name, config),
): AgentItem[] {
  const others = knownAgentNames(config).filter((n) => n !== config.defaultAgent);
  const ordered = [
    config.defaultAgent,
    ...others.filter((n) => n !== 'shell'),
    ...others.filter((n) => n === 'shell'),
  ];
  const [first, ...rest] = ordered.map((name) => agentItem(name, config, check(name)));
  const usable = rest.filter((item) => !item.unavailable);
  const unusable = rest.filter((item) => item.unavailable);
  const top = [first!, ...usable];
  return unusable.length ? [...top, { label: 'cannot run here', kind: SEPARATOR }, ...unusable] : top;
}

function agentItem(
  name: string,
  config: Pick<DispatchConfig, 'agents' | 'defaultAgent'>,
  availability: Availability,
): AgentItem {
  const about = config.agents[name]?.description ?? BUILTIN_AGENTS[name]?.description ?? 'custom agent';
  const description = name === config.defaultAgent ? `default · ${about}` : about;
  if (availability.available) return { label: name, description, agent: name };
  const why = availability.why ?? 'cannot run here';
  return { label: `$(warning) ${name}`, description, detail: why, agent: name, unavailable: why };
}

/** What the picker says when an agent that cannot run is chosen; the picker stays open. */
export function refusal(item: AgentItem): string | undefined {
  return item.unavailable && `${item.unavailable}, or pick another agent`;
}
