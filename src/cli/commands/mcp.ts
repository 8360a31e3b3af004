import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { stderrLog } from '../context';
import { createDispatchServer } from '../mcp/server';
import type { CliCommand } from './command';

declare const __VERSION__: string | undefined;

/**
 * `dispatch mcp`: an MCP server on stdin/stdout for assistants (Claude Code, Codex, Gemini CLI,
 * VS Code). stdout carries protocol messages only, so everything else goes to stderr. By default
 * its engine also runs tasks, as `dispatch worker` does, so delegated work runs with no window
 * open; with --no-worker it only queues, for a window or worker to run.
 */
export const mcp: CliCommand = {
  usage: 'dispatch mcp [--no-worker]',
  summary: 'serve the Dispatch tools to AI assistants over MCP (stdio); also runs tasks unless --no-worker',
  positionals: [],
  options: { 'no-worker': { type: 'boolean' } },
  async run(ctx, { values }) {
    const runTasks = values['no-worker'] !== true;
    const log = { ...stderrLog, info: (m: string) => process.stderr.write(`dispatch mcp: ${m}\n`) };
    const engine = await ctx.openEngine({ runTasks, log, label: 'dispatch mcp' });
    const server = createDispatchServer(engine, typeof __VERSION__ === 'string' ? __VERSION__ : 'dev');
    try {
      const closed = new Promise<void>((resolve) => {
        // The client closing stdin is the normal end; a signal also ends it.
        server.server.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await server.connect(new StdioServerTransport());
      process.stderr.write(
        `dispatch mcp: serving ${ctx.stateDir}${runTasks ? ' (running tasks)' : ' (queueing only: --no-worker)'}\n`,
      );
      await closed;
    } finally {
      await server.close().catch(() => {});
      await engine.dispose();
    }
    return 0;
  },
};
