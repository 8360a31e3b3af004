/**
 * The agent a name stands for: a built-in, a built-in configured by a `dispatch.agents` entry of
 * the same name, or a custom agent. For a built-in, whatever the entry leaves out stays the
 * built-in's, so `{"claude": {"model": "opus"}}` or `{"claude": {"command": "/opt/bin/claude"}}`
 * changes that one thing. Flags a user gives replace the built-in's for that purpose only.
 */
import type { Autonomy } from '../../core/autonomy';
import type { AgentDefinition, DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { type AutonomyFlags, BUILTIN_AGENTS, type BuiltinAgent } from './builtins';

export type AgentsConfig = Pick<DispatchConfig, 'agents'>;

export interface AgentTemplate {
  name: string;
  builtin: BuiltinAgent | undefined;
  /** Empty for the built-in shell (shell.ts picks the shell per platform). */
  command: string;
  args: string[];
  resumeArgs?: string[];
  modelArgs?: string[];
  /** Undefined when the agent has no flags for any level. */
  autonomy?: Partial<Record<Autonomy, AutonomyFlags>>;
  env: Record<string, string>;
  /** The model a task uses when it names none. */
  model?: string;
  /** The built-in's install command, while the command is still the built-in's own. */
  install?: string;
  /** A line that means the usage limit was hit (agents/limitPattern.ts), from the settings. */
  limitPattern?: string;
}

/** A custom agent's arguments when it gives none. */
const DEFAULT_ARGS = ['${prompt}'];

/** Built-in agents and those from `dispatch.agents`, sorted. */
export function knownAgentNames(config: AgentsConfig): string[] {
  return [...new Set([...Object.keys(BUILTIN_AGENTS), ...Object.keys(config.agents ?? {})])].sort();
}

/** Throws DispatchError 'agent-unavailable' for an unknown name, 'invalid-input' for an entry without a command. */
export function agentTemplate(name: string, config: AgentsConfig): AgentTemplate {
  const builtin = BUILTIN_AGENTS[name];
  const entry: Partial<AgentDefinition> | undefined = config.agents?.[name];
  if (!builtin && !entry) {
    throw new DispatchError(
      'agent-unavailable',
      `unknown agent "${name}"; known agents: ${knownAgentNames(config).join(', ')}. ` +
        'Add your own under dispatch.agents.',
    );
  }
  if (!builtin) return customTemplate(name, entry!);
  const own = entry ?? {};
  return {
    name,
    builtin,
    command: own.command ?? builtin.command,
    args: own.args ?? builtin.args,
    resumeArgs: own.resumeArgs ?? builtin.resumeArgs,
    modelArgs: own.modelArgs ?? builtin.modelArgs,
    autonomy: autonomyFlags(own.autonomyArgs) ?? builtin.autonomy,
    env: { ...builtin.env, ...own.env },
    model: own.model,
    install: own.command === undefined ? builtin.install : undefined,
    limitPattern: own.limitPattern,
  };
}

function customTemplate(name: string, def: Partial<AgentDefinition>): AgentTemplate {
  if (!def.command) {
    throw new DispatchError(
      'invalid-input',
      `dispatch.agents.${name} has no "command": a custom agent needs the program to run ` +
        `(only an entry named like a built-in agent — ${Object.keys(BUILTIN_AGENTS).join(', ')} — may leave it out)`,
    );
  }
  return {
    name,
    builtin: undefined,
    command: def.command,
    args: def.args ?? DEFAULT_ARGS,
    resumeArgs: def.resumeArgs,
    modelArgs: def.modelArgs,
    autonomy: autonomyFlags(def.autonomyArgs),
    env: { ...def.env },
    model: def.model,
    limitPattern: def.limitPattern,
  };
}

function autonomyFlags(
  given: AgentDefinition['autonomyArgs'],
): Partial<Record<Autonomy, AutonomyFlags>> | undefined {
  if (!given) return undefined;
  const flags: Partial<Record<Autonomy, AutonomyFlags>> = {};
  for (const [level, args] of Object.entries(given)) if (args) flags[level as Autonomy] = { args };
  return flags;
}

/** Whether a reply to a task of this agent can continue its session, given a session id. */
export function canResume(name: string, config: AgentsConfig): boolean {
  try {
    return agentTemplate(name, config).resumeArgs !== undefined;
  } catch {
    return false;
  }
}
