/**
 * Can this agent run here? For the editor's agent picker and `dispatch doctor`-style checks:
 * resolves the executable the way the supervisor will, without starting anything.
 */
import { BUILTIN_AGENTS } from './builtins';
import { type AgentsConfig, knownAgentNames } from './launch';
import { resolveExecutable } from './resolveExecutable';
import { shellCommand } from './shell';
import type { Availability } from './types';

export function checkAvailability(
  agentName: string,
  config: AgentsConfig,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Availability {
  const builtin = BUILTIN_AGENTS[agentName];
  const custom = config.agents?.[agentName];
  if (!builtin && !custom) {
    return {
      available: false,
      why: `unknown agent "${agentName}"; known agents: ${knownAgentNames(config).join(', ')}`,
    };
  }
  const command =
    custom?.command ?? (agentName === 'shell' ? shellCommand('', env, platform).command : builtin?.command);
  if (command === undefined) {
    return {
      available: false,
      why: `dispatch.agents.${agentName} has no "command": give it the program to run`,
    };
  }
  // `${workspaceFolder}/bin/agent` is only known per task; the supervisor checks it then.
  if (command.includes('${')) return { available: true };
  const found = resolveExecutable(command, { env, platform });
  if ('path' in found) return { available: true, path: found.path };
  const fix = custom?.command
    ? `fix dispatch.agents.${agentName}.command`
    : `install it (${builtin!.install}) or set dispatch.agents.${agentName}.command to its full path`;
  return { available: false, why: `\`${command}\` ${found.problem}: ${fix}` };
}
