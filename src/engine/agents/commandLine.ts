/**
 * An agent's arguments for one task: its template (or, for a reply that continues a session,
 * its resume template), plus the flags for the task's autonomy level and model — at the
 * built-in's OPTIONS_SLOT, else appended. What an agent cannot honour (no flags for the level,
 * no way to pass a model) is not an error: the task runs as configured and its output says so.
 */
import { OPTIONS_SLOT } from './builtins';
import type { AgentTemplate } from './definition';
import { substitute } from './template';
import type { LaunchInput } from './types';

export interface AgentArguments {
  args: string[];
  /** Variables the autonomy level needs on top of the agent's own. */
  env: Record<string, string>;
  notices: string[];
}

export function agentArguments(
  agent: AgentTemplate,
  input: LaunchInput,
  options: { isRoot: boolean },
): AgentArguments {
  const where = (field: string) => ({ agent: agent.name, field });
  const notices: string[] = [];
  const env: Record<string, string> = {};
  const extras: string[] = [];
  const level = input.autonomy;
  // A command line has no permission mode: the shell runs it with the user's own rights, as the
  // README and Delegate Task (which skips the step for shell) say. A notice on every shell task's
  // output would be noise before the first line the user asked for.
  if (level && !(agent.name === 'shell' && agent.builtin)) {
    const flags = agent.autonomy?.[level];
    if (flags) {
      extras.push(
        ...flags.args.map((a, i) => substitute(a, plain(input), where(`autonomyArgs.${level}[${i}]`))),
      );
      if (options.isRoot) Object.assign(env, flags.rootEnv);
    } else {
      const which = agent.autonomy ? ` for "${level}"` : '';
      notices.push(
        `agent ${agent.name} has no autonomyArgs${which}: it runs as configured, whatever the autonomy`,
      );
    }
  }
  if (input.model !== undefined) {
    if (agent.modelArgs) {
      const withModel = { ...plain(input), model: input.model };
      extras.push(...agent.modelArgs.map((a, i) => substitute(a, withModel, where(`modelArgs[${i}]`))));
    } else {
      notices.push(`agent ${agent.name} has no modelArgs: the model "${input.model}" is not passed to it`);
    }
  }
  const resuming = input.sessionId !== undefined && agent.resumeArgs !== undefined;
  const template = resuming ? agent.resumeArgs! : agent.args;
  const field = resuming ? 'resumeArgs' : 'args';
  const values = resuming ? { ...plain(input), sessionId: input.sessionId } : plain(input);
  const args: string[] = [];
  template.forEach((arg, i) => {
    if (arg === OPTIONS_SLOT) args.push(...extras);
    else args.push(substitute(arg, values, where(`${field}[${i}]`)));
  });
  if (!template.includes(OPTIONS_SLOT)) args.push(...extras);
  return { args, env, notices };
}

/** The input without the values that belong to one list only (`${model}`, `${sessionId}`). */
function plain(input: LaunchInput): LaunchInput {
  const { model: _, sessionId: __, ...rest } = input;
  return rest;
}
