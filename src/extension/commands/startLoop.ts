import * as vscode from 'vscode';
import { checkCommandOf, type LoopEntry } from '../../core/loop';
import type { LoopInput } from '../../engine/loops/loopInput';
import { ViewIds } from '../commandIds';
import { runLoopWizard } from '../delegate/loopWizard';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';

const isInput = (arg: unknown): arg is LoopInput =>
  typeof arg === 'object' && arg !== null && typeof (arg as LoopInput).prompt === 'string';

/**
 * Dispatch: Start Loop — the multi-step input (see loopWizard.ts), or, given a `{ prompt, until |
 * eval, direction?, target?, maxIterations?, agent?, cwd?, worktree?, … }` argument (a
 * keybinding's args, another extension, the tests), straight to the engine, which checks it as
 * `dispatch loop` does.
 */
export function startLoop(deps: CommandDeps) {
  return async (arg?: unknown): Promise<LoopEntry | undefined> => {
    if (!canStart()) return undefined;
    const input = isInput(arg)
      ? arg
      : await runLoopWizard({
          config: deps.settings.current,
          folders: vscode.workspace.workspaceFolders ?? [],
        });
    if (!input) return undefined;
    const entry = await (await deps.host.require()).loops.start(input);
    const { loop } = entry;
    const goal =
      loop.untilCommand !== null
        ? `until \`${checkCommandOf(loop)}\` passes`
        : `to ${loop.direction} \`${checkCommandOf(loop)}\``;
    void vscode.window
      .showInformationMessage(
        `Loop started: ${loop.title} — ${goal}, at most ${loop.maxIterations} iterations`,
        'Show Tasks',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand(`${ViewIds.tasks}.focus`);
      });
    return entry;
  };
}
