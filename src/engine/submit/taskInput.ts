/**
 * Validation of a new task before anything is stored: an empty prompt, an unknown agent, a bad
 * priority or a working folder that does not exist is refused with a message that says what to
 * do — nothing half-made reaches the queue. Dependency ids are checked for shape and count here;
 * whether they exist, and the graph rules, are checked in the write that stores the task
 * (store/repositories/submit.ts), against the state every window shares.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { isAutonomy } from '../../core/autonomy';
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { checkDependencyCount } from '../../core/graph';
import { isIdPrefix } from '../../core/ids';
import {
  DEFAULT_PRIORITY,
  isPriority,
  modelNameProblem,
  type NewTask,
  titleFromPrompt,
} from '../../core/task';
import { agentTemplate, knownAgentNames } from '../agents';

export interface DelegateInput {
  prompt: string;
  agent?: string;
  priority?: string;
  cwd?: string;
  title?: string;
  /** Seconds; overrides `dispatch.taskTimeoutMinutes`. */
  timeoutSeconds?: number;
  /** Ids (or unique prefixes) of tasks this one waits for; it runs once they all complete. */
  after?: readonly string[];
  /** An earlier task whose context this one starts with; implies waiting for it. */
  continueFrom?: string;
  /** read-only, edit or full; default `dispatch.autonomy`. */
  autonomy?: string;
  /** Default: the agent's `model` in dispatch.agents, else the agent's own default. */
  model?: string;
  /** Run in its own git worktree; default `dispatch.worktree.mode` (see submissions.ts). */
  worktree?: boolean;
}

export function validateNewTask(input: DelegateInput, config: DispatchConfig, workspace: string): NewTask {
  const prompt = input.prompt ?? '';
  if (prompt.trim() === '') {
    throw new DispatchError('invalid-input', 'the prompt is empty: say what the agent should do');
  }
  const agent = input.agent ?? config.defaultAgent;
  const agents = knownAgentNames(config);
  if (!agents.includes(agent)) {
    throw new DispatchError(
      'invalid-input',
      `unknown agent "${agent}"; known agents: ${agents.join(', ')} (add your own in dispatch.agents)`,
    );
  }
  const priority = input.priority ?? DEFAULT_PRIORITY;
  if (!isPriority(priority)) {
    throw new DispatchError('invalid-input', `bad priority "${priority}": use P0 (highest), P1 or P2`);
  }
  const cwd = path.resolve(workspace, input.cwd ?? '.');
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    throw new DispatchError('invalid-input', `the working folder ${cwd} does not exist`);
  }
  if (!isDir) throw new DispatchError('invalid-input', `the working folder ${cwd} is not a folder`);
  const autonomy = input.autonomy ?? config.autonomy;
  if (!isAutonomy(autonomy)) {
    throw new DispatchError('invalid-input', `bad autonomy "${autonomy}": use read-only, edit or full`);
  }
  const timeoutMs = input.timeoutSeconds
    ? Math.round(input.timeoutSeconds * 1000)
    : config.taskTimeoutMinutes > 0
      ? Math.round(config.taskTimeoutMinutes * 60_000)
      : null;
  return {
    prompt,
    agent,
    priority,
    cwd,
    title: input.title?.trim() || titleFromPrompt(prompt),
    timeoutMs,
    autonomy,
    model: modelFor(agent, input.model, config),
    ...dependencyInput(input),
  };
}

/**
 * The task's model: the one asked for, else the agent's setting. One the agent has no way to
 * take is refused now rather than silently ignored later.
 */
function modelFor(agent: string, asked: string | undefined, config: DispatchConfig): string | null {
  const template = agentTemplate(agent, config);
  if (asked === undefined) return template.model ?? null;
  const model = asked.trim();
  const problem = modelNameProblem(model);
  if (problem) throw new DispatchError('invalid-input', `bad model "${asked}": ${problem}`);
  if (!template.modelArgs) {
    throw new DispatchError(
      'invalid-input',
      `agent ${agent} takes no model: give it "modelArgs" in dispatch.agents.${agent} (e.g. ["--model", "\${model}"])`,
    );
  }
  return model;
}

function dependencyInput(input: DelegateInput): Pick<NewTask, 'after' | 'continueFrom'> {
  const after = (input.after ?? []).map((key) => taskKey(key, 'after'));
  checkDependencyCount(after);
  const continueFrom = input.continueFrom === undefined ? null : taskKey(input.continueFrom, 'continue-from');
  return after.length || continueFrom ? { after, continueFrom } : {};
}

function taskKey(value: string, what: string): string {
  const key = value.trim().toLowerCase();
  if (!isIdPrefix(key)) {
    throw new DispatchError(
      'invalid-input',
      `${what}: "${value}" is not a task id (ids are 12 letters and digits)`,
    );
  }
  return key;
}
