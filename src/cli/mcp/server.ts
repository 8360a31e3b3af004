/**
 * The Dispatch MCP server: the tools an assistant uses to delegate to background agents and follow
 * them, over one engine on the workspace's shared state (every window and worker sees the same
 * queue). Transport-free, so `dispatch mcp` connects it to stdio.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Engine } from '../../engine/engine';
import { registerCancelTool } from './cancelTool';
import { registerDiffTool } from './diffTool';
import { registerLoopTools } from './loopTools';
import { registerReadTools } from './readTools';
import { registerSubmitTools } from './submitTools';
import { registerWaitTool } from './waitTool';
import { registerWorktreeTools } from './worktreeTools';

export function createDispatchServer(engine: Engine, version: string): McpServer {
  const server = new McpServer(
    { name: 'dispatch', title: 'Agent Dispatch', version },
    {
      instructions:
        'Agent Dispatch runs coding tasks in background agents (claude, codex, gemini, shell) in this workspace. ' +
        'delegate returns a task id at once; wait for it, then read status (its result) and output (its transcript). ' +
        'A task delegated with worktree runs in its own git worktree: diff shows what it changed, apply brings that ' +
        'into the workspace, discard drops it. loop_start runs an agent again and again until a check command ' +
        'passes or to improve a score; loop_status follows it, loop_cancel stops it.',
    },
  );
  registerSubmitTools(server, engine);
  registerReadTools(server, engine);
  registerWaitTool(server, engine);
  registerCancelTool(server, engine);
  registerDiffTool(server, engine);
  registerWorktreeTools(server, engine);
  registerLoopTools(server, engine);
  return server;
}
