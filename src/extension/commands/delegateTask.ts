import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { DelegateInput } from '../../engine/submit/taskInput';
import { modelMemoryKey } from '../delegate/autonomyItems';
import { runDelegateWizard } from '../delegate/delegateWizard';
import { runAfterCandidates } from '../delegate/runAfterItems';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { queueTask } from './queueTask';

const isInput = (arg: unknown): arg is DelegateInput =>
  typeof arg === 'object' && arg !== null && typeof (arg as DelegateInput).prompt === 'string';

/**
 * Dispatch: Delegate Task — the multi-step input, or, given a `{ prompt, agent?, priority?, cwd? }`
 * argument (a keybinding's args, another extension, the tests), straight to the queue.
 */
export function delegateTask(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Task | undefined> => {
    if (!canStart()) return undefined;
    if (isInput(arg)) return queueTask(deps, arg);
    const result = await runDelegateWizard({
      config: deps.settings.current,
      folders: vscode.workspace.workspaceFolders ?? [],
      candidates: runAfterCandidates((filter) => deps.host.engine?.list(filter) ?? []),
      rememberedModel: (agent) => deps.memory.get<string>(modelMemoryKey(agent), ''),
    });
    if (result?.kind === 'editor') await deps.prompts.open(result.draft);
    if (result?.kind !== 'delegate') return undefined;
    const task = await queueTask(deps, result.input);
    // Remembered once the engine took it: a model it refused is not offered again.
    if (task) await deps.memory.update(modelMemoryKey(task.agent), result.input.model ?? '');
    return task;
  };
}
