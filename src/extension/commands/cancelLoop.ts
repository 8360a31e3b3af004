import * as vscode from 'vscode';
import type { LoopEntry } from '../../core/loop';
import type { CommandDeps } from './deps';

/** The loop id in a command's argument: a Loops row of the Tasks view, or the id itself. */
const idOf = (arg: unknown): string | undefined => {
  if (typeof arg === 'string') return arg;
  const id = (arg as { loopId?: unknown } | undefined)?.loopId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Dispatch: Cancel Loop — its running iteration (and check) is stopped and the loop ends
 * cancelled, from any window. From the palette: a pick of the running loops. Allowed in an
 * untrusted workspace: stopping starts nothing.
 */
export function cancelLoop(deps: CommandDeps) {
  return async (arg?: unknown): Promise<LoopEntry | undefined> => {
    const engine = await deps.host.require();
    let id = idOf(arg);
    if (!id) {
      const running = engine.loops.list().filter((e) => e.loop.state === 'running');
      if (running.length === 0) {
        void vscode.window.showInformationMessage('No loop is running.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        running.map((e) => ({
          label: e.loop.title,
          description: `iteration ${e.iterations.length}/${e.loop.maxIterations} · ${e.loop.agent} · ${e.loop.id}`,
          id: e.loop.id,
        })),
        { title: 'Cancel Loop', placeHolder: 'Cancel which loop?' },
      );
      id = picked?.id;
    }
    if (!id) return undefined;
    const before = engine.loops.get(id);
    if (before.loop.state !== 'running') {
      void vscode.window.showInformationMessage(
        `The loop "${before.loop.title}" already ${before.loop.state}.`,
      );
      return before;
    }
    return engine.loops.cancel(before.loop.id);
  };
}
