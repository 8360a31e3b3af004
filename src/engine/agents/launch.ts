/**
 * Turning an agent name and a task into the exact process to run: template substitution per
 * argument, the agent's environment (inherited, minus what would confuse it, plus its own
 * variables and DISPATCH_TASK_ID), and the output format the supervisor reads its verdict from.
 */
import type { AgentDefinition, DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { BUILTIN_AGENTS, type BuiltinAgent } from './builtins';
import { shellCommand } from './shell';
import { substitute, usesPlaceholder } from './template';
import type { AgentLaunch, LaunchInput } from './types';

export type AgentsConfig = Pick<DispatchConfig, 'agents'>;

export interface LaunchOptions {
  /** The environment to inherit. Default process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * Never inherited by any agent: the VS Code extension host runs with ELECTRON_RUN_AS_NODE=1,
 * which would turn any Electron app the agent starts (`code`, a browser) into plain Node.
 */
const NEVER_INHERITED = new Set(['ELECTRON_RUN_AS_NODE']);

/** Built-in agents and those from `dispatch.agents`, sorted. */
export function knownAgentNames(config: AgentsConfig): string[] {
  return [...new Set([...Object.keys(BUILTIN_AGENTS), ...Object.keys(config.agents ?? {})])].sort();
}

/**
 * The launch for one task. A `dispatch.agents` entry named like a built-in replaces its command,
 * arguments and variables but keeps its verdict parsing and environment clean-up.
 * Throws DispatchError: 'agent-unavailable' for an unknown agent, 'invalid-input' for a bad template.
 */
export function buildLaunch(
  agentName: string,
  input: LaunchInput,
  config: AgentsConfig,
  options: LaunchOptions = {},
): AgentLaunch {
  const builtin = BUILTIN_AGENTS[agentName];
  const entry = config.agents?.[agentName];
  // An entry without a command only configures a built-in (its cap); a custom agent needs one.
  const custom = entry?.command !== undefined ? { ...entry, command: entry.command } : undefined;
  if (entry && !custom && !builtin) {
    throw new DispatchError(
      'invalid-input',
      `dispatch.agents.${agentName} has no "command": a custom agent needs the program to run ` +
        `(only an entry named like a built-in agent — ${Object.keys(BUILTIN_AGENTS).join(', ')} — may leave it out)`,
    );
  }
  if (!builtin && !custom) {
    throw new DispatchError(
      'agent-unavailable',
      `unknown agent "${agentName}"; known agents: ${knownAgentNames(config).join(', ')}. ` +
        'Add your own under dispatch.agents.',
    );
  }
  const baseEnv = options.baseEnv ?? process.env;
  const env = inheritedEnv(baseEnv, builtin);
  const where = (field: string) => ({ agent: agentName, field });
  const isShell = agentName === 'shell';
  let command: string;
  let args: string[];
  let windowsVerbatimArguments: boolean | undefined;
  if (custom) {
    command = substitute(custom.command, input, where('command'));
    args = custom.args.map((arg, i) => substitute(arg, input, where(`args[${i}]`)));
    checkUsesPrompt(agentName, custom);
  } else if (isShell) {
    ({ command, args, windowsVerbatimArguments } = shellCommand(input.prompt, baseEnv, options.platform));
  } else {
    const def = builtin!;
    command = def.command;
    args = def.args.map((arg, i) => substitute(arg, input, where(`args[${i}]`)));
  }
  for (const [name, value] of Object.entries({ ...builtin?.env, ...custom?.env })) {
    env[name] = substitute(value, input, where(`env.${name}`));
  }
  env.DISPATCH_TASK_ID = input.taskId;
  return {
    agent: agentName,
    command,
    args,
    env,
    shell: isShell,
    outputFormat: builtin?.outputFormat ?? 'text',
    ...(windowsVerbatimArguments ? { windowsVerbatimArguments } : {}),
  };
}

function inheritedEnv(base: NodeJS.ProcessEnv, builtin: BuiltinAgent | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || NEVER_INHERITED.has(name) || builtin?.dropEnv?.(name)) continue;
    env[name] = value;
  }
  return env;
}

/** An agent that never receives the prompt would run on nothing, and say so only much later. */
function checkUsesPrompt(agentName: string, def: AgentDefinition & { command: string }): void {
  if (usesPlaceholder([def.command, ...def.args, ...Object.values(def.env)], 'prompt')) return;
  throw new DispatchError(
    'invalid-input',
    `dispatch.agents.${agentName} never passes the prompt: put "\${prompt}" in its args, ` +
      'e.g. "args": ["--prompt", "${prompt}"].',
  );
}
