import * as vscode from 'vscode';
import type { Resumed } from '../../engine/limits/limitResumer';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';

/** The agent a view row names (a paused agent in Workers), or a name given by a caller. */
const agentOf = (arg: unknown): string | undefined => {
  if (typeof arg === 'string') return arg;
  const agent = (arg as { agent?: unknown } | undefined)?.agent;
  return typeof agent === 'string' ? agent : undefined;
};

/**
 * Dispatch: Resume Agent Now — ends an agent's usage-limit pause before its reset (the user knows
 * the limit is gone: a new plan, another account): its queued tasks start and its paused tasks
 * run again. From the palette, a pick of the agents that are paused or have paused tasks.
 */
export function resumeAgentNow(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Resumed | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    let agent = agentOf(arg);
    if (!agent) {
      const paused = engine.agents.list().filter((a) => a.pausedUntil !== null || a.paused > 0);
      if (paused.length === 0) {
        void vscode.window.showInformationMessage('No agent is paused at a usage limit.');
        return undefined;
      }
      const chosen = await vscode.window.showQuickPick(
        paused.map((a) => ({
          label: a.name,
          description: [
            a.pausedUntil !== null ? `paused until ${new Date(a.pausedUntil).toLocaleTimeString()}` : '',
            a.paused ? `${a.paused} paused task${a.paused === 1 ? '' : 's'}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
          detail: a.pauseReason ?? undefined,
        })),
        { placeHolder: 'Resume which agent now?' },
      );
      agent = chosen?.label;
    }
    if (!agent) return undefined;
    const resumed = await engine.agents.resumeAgent(agent);
    const tasks = resumed.tasks.length ? ` and ${resumed.tasks.length} paused task(s)` : '';
    vscode.window.setStatusBarMessage(`$(debug-continue) Resumed ${agent}${tasks}`, 3000);
    return resumed;
  };
}
