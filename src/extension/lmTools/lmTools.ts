/**
 * The Dispatch tools for Copilot's agent mode and any chat participant (`#dispatchDelegate …`),
 * declared in package.json `languageModelTools`: the tasks (taskTools.ts), a worktree task's
 * changes (worktreeTools.ts) and loops (loopTools.ts) — what the MCP server offers an assistant
 * outside the editor. They use this window's engine, so what an assistant starts shows in every
 * window's views at once. An untrusted workspace starts nothing and runs no git; whatever starts
 * work, stops it or writes to the workspace asks the user first, showing what it would do.
 */
import * as vscode from 'vscode';
import { loopTools } from './loopTools';
import { taskTools } from './taskTools';
import { type DispatchTool, guarded, type ToolDeps } from './toolKit';
import { worktreeTools } from './worktreeTools';

/** Registers the tools; returns them by name (the vscode tier reads their confirmations). */
export function registerLanguageModelTools(
  context: vscode.ExtensionContext,
  deps: ToolDeps,
): ReadonlyMap<string, DispatchTool> {
  const trusted = () => vscode.workspace.isTrusted;
  const tools = [...taskTools(deps, trusted), ...worktreeTools(deps, trusted), ...loopTools(deps, trusted)];
  const registered = new Map<string, DispatchTool>();
  for (const [name, tool] of tools) {
    const guardedTool: DispatchTool = {
      ...tool,
      invoke: (options, token) => guarded(deps.log, name, async () => tool.invoke(options, token)),
    };
    registered.set(name, guardedTool);
    context.subscriptions.push(vscode.lm.registerTool(name, guardedTool));
  }
  return registered;
}
