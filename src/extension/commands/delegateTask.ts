import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { DelegateInput } from '../../engine/submit/taskInput';
import { repositoryRoot } from '../../engine/worktrees/repository';
import { runInstall } from '../agentFixes';
import { modelMemoryKey } from '../delegate/autonomyItems';
import { askDelegate } from '../delegate/delegateBox';
import type { DelegateChoices } from '../delegate/delegateChoices';
import { runAfterCandidates } from '../delegate/runAfterItems';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { queueTask } from './queueTask';

const isInput = (arg: unknown): arg is DelegateInput =>
  typeof arg === 'object' && arg !== null && typeof (arg as DelegateInput).prompt === 'string';

/** workspaceState keys of what Delegate Task remembers per workspace. */
const AGENT_KEY = 'dispatch.delegate.agent';
const WORKTREE_KEY = 'dispatch.delegate.worktree';

/**
 * Dispatch: Delegate Task — the one-step input (delegate/delegateBox.ts), or, given a
 * `{ prompt, agent?, priority?, cwd? }` argument (a keybinding's args, another extension, the
 * tests), straight to the queue.
 */
export function delegateTask(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    if (isInput(arg)) return queueTask(deps, arg);
    const result = await askDelegate({
      config: deps.settings.current,
      folders: vscode.workspace.workspaceFolders ?? [],
      candidates: runAfterCandidates((filter) => deps.host.engine?.list(filter) ?? []),
      rememberedModel: (agent) => deps.memory.get<string>(modelMemoryKey(agent), ''),
      remembered: {
        agent: deps.workspaceMemory.get<string>(AGENT_KEY),
        worktree: deps.workspaceMemory.get<boolean>(WORKTREE_KEY),
      },
      inRepository: (folder) =>
        repositoryRoot(folder).then(
          (root) => root !== '',
          () => false,
        ),
      install: (agent, command) => runInstall(agent, command, true),
    });
    if (result?.kind === 'editor') await deps.prompts.open(result.input.prompt, result);
    if (result?.kind !== 'delegate') return undefined;
    return delegateWith(deps, result.input, result.choices);
  };
}

/** Queues the task; once the engine took it, its choices are what the next Delegate Task starts from. */
export async function delegateWith(
  deps: CommandDeps,
  input: DelegateInput,
  choices: DelegateChoices,
): Promise<Task> {
  const task = await queueTask(deps, input);
  // Remembered only now: a model or agent the engine refused is not offered again.
  await deps.memory.update(modelMemoryKey(task.agent), input.model ?? '');
  await deps.workspaceMemory.update(AGENT_KEY, choices.agent);
  if (input.worktree !== undefined) await deps.workspaceMemory.update(WORKTREE_KEY, input.worktree);
  return task;
}
