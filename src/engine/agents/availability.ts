/**
 * Can this agent run here? The one check every way to delegate goes through (the editor's agent
 * picker, Delegate Selection, and the engine before it stores a task — see submit/agentGate.ts):
 * resolves the executable the way the supervisor will, without starting anything, and says why
 * not in one line a user can act on. No PATH listing: that belongs in the failed task's reason,
 * where the supervisor's own lookup puts it.
 */
import { BUILTIN_AGENTS } from './builtins';
import { type AgentsConfig, knownAgentNames } from './launch';
import { resolveExecutable } from './resolveExecutable';
import { shellCommand } from './shell';
import type { Availability } from './types';

export interface AvailabilityWhere {
  /** The environment whose PATH is searched. Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** The task's folder, base of a relative command. Default: this process's. */
  cwd?: string;
  platform?: NodeJS.Platform;
}

export function checkAvailability(
  agentName: string,
  config: AgentsConfig,
  where: AvailabilityWhere = {},
): Availability {
  const { env = process.env, cwd, platform = process.platform } = where;
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
  const found = resolveExecutable(command, { env, cwd, platform });
  if ('path' in found) return { available: true, path: found.path };
  // resolveExecutable lists the PATH it searched; one line for a person stops at "on PATH".
  const onPath = found.problem.startsWith('not found on PATH');
  const problem = onPath ? `\`${command}\` is not found on PATH` : found.problem;
  // An entry named like a built-in that sets its own command is the user's to fix.
  if (!builtin || custom?.command !== undefined) {
    return {
      available: false,
      why: `${agentName} cannot run: ${problem} — fix dispatch.agents.${agentName}.command`,
    };
  }
  if (!onPath) return { available: false, why: `${agentName} cannot run: ${problem} — ${builtin!.install}` };
  return {
    available: false,
    why: `${agentName} is not installed (not found on PATH) — install it with \`${builtin!.install}\``,
    install: builtin!.install,
  };
}
