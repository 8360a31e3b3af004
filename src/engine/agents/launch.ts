/**
 * Turning an agent name and a task into the exact process to run: template substitution per
 * argument, the flags for the task's autonomy, model and session (commandLine.ts), the agent's
 * environment (inherited, minus what would confuse it, plus its own variables and
 * DISPATCH_TASK_ID), and the output format the supervisor reads its verdict from.
 */
import { DispatchError } from '../../core/errors';
import type { BuiltinAgent } from './builtins';
import { agentArguments } from './commandLine';
import { type AgentsConfig, type AgentTemplate, agentTemplate } from './definition';
import { shellCommand } from './shell';
import { substitute, usesPlaceholder } from './template';
import type { AgentLaunch, LaunchInput } from './types';

export { type AgentsConfig, knownAgentNames } from './definition';

export interface LaunchOptions {
  /** The environment to inherit. Default process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether the agent runs as root (Claude then needs IS_SANDBOX=1 for full autonomy). */
  isRoot?: boolean;
}

/**
 * Never inherited by any agent: the VS Code extension host runs with ELECTRON_RUN_AS_NODE=1,
 * which would turn any Electron app the agent starts (`code`, a browser) into plain Node.
 */
const NEVER_INHERITED = new Set(['ELECTRON_RUN_AS_NODE']);

/**
 * The launch for one task. A built-in keeps its output parsing and environment clean-up even
 * when a `dispatch.agents` entry replaces its command (definition.ts).
 * Throws DispatchError: 'agent-unavailable' for an unknown agent, 'invalid-input' for a bad template.
 */
export function buildLaunch(
  agentName: string,
  input: LaunchInput,
  config: AgentsConfig,
  options: LaunchOptions = {},
): AgentLaunch {
  const agent = agentTemplate(agentName, config);
  const { builtin } = agent;
  const baseEnv = options.baseEnv ?? process.env;
  const env = inheritedEnv(baseEnv, builtin);
  const where = (field: string) => ({ agent: agentName, field });
  const isShell = agentName === 'shell';
  const line = agentArguments(agent, input, { isRoot: options.isRoot ?? process.getuid?.() === 0 });
  let command: string;
  let args: string[];
  let windowsVerbatimArguments: boolean | undefined;
  if (isShell && agent.command === '') {
    ({ command, args, windowsVerbatimArguments } = shellCommand(input.prompt, baseEnv, options.platform));
  } else {
    if (!builtin) checkUsesPrompt(agent);
    command = substitute(agent.command, input, where('command'));
    args = line.args;
  }
  for (const [name, value] of Object.entries(agent.env)) {
    env[name] = substitute(value, input, where(`env.${name}`));
  }
  Object.assign(env, line.env);
  env.DISPATCH_TASK_ID = input.taskId;
  return {
    agent: agentName,
    command,
    args,
    env,
    shell: isShell,
    outputFormat: builtin?.outputFormat ?? 'text',
    notices: line.notices,
    ...(agent.install ? { install: agent.install } : {}),
    ...(agent.limitPattern ? { limitPattern: agent.limitPattern } : {}),
    ...(windowsVerbatimArguments ? { windowsVerbatimArguments } : {}),
  };
}

function inheritedEnv(base: NodeJS.ProcessEnv, builtin: BuiltinAgent | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const dropped = new Set(builtin?.dropEnv);
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || NEVER_INHERITED.has(name) || dropped.has(name)) continue;
    env[name] = value;
  }
  return env;
}

/** An agent that never receives the prompt would run on nothing, and say so only much later. */
function checkUsesPrompt(agent: AgentTemplate): void {
  if (usesPlaceholder([agent.command, ...agent.args, ...Object.values(agent.env)], 'prompt')) return;
  throw new DispatchError(
    'invalid-input',
    `dispatch.agents.${agent.name} never passes the prompt: put "\${prompt}" in its args, ` +
      'e.g. "args": ["--prompt", "${prompt}"].',
  );
}
