/**
 * `dispatch mcp` from the outside, for the MCP tests: the SDK's own client spawns the shipped
 * dist/cli.js over stdio, as Claude Code or VS Code would. Every client is closed by `closeAll`,
 * and anything the client could not read as a protocol message (stdout must carry only those) is
 * kept in `protocolErrors` for the test to assert empty.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cliScript } from './cli';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field, each one asserted
export type Structured = Record<string, any>;

export interface ToolResult {
  isError: boolean;
  text: string;
  data: Structured;
}

export class McpClients {
  private readonly clients: Client[] = [];
  readonly protocolErrors: Error[] = [];

  /** `dispatch mcp --workspace <workspace> …args`, connected. */
  async connect(workspace: string, ...args: string[]): Promise<Client> {
    const client = new Client({ name: 'dispatch-test', version: '1.0.0' });
    client.onerror = (err) => this.protocolErrors.push(err);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliScript, 'mcp', '--workspace', workspace, ...args],
      stderr: 'pipe',
    });
    await client.connect(transport);
    this.clients.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    for (const client of this.clients.splice(0)) await client.close();
  }
}

/** One tool call, its text content joined and its structured content as data. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { progress: number; message?: string }) => void,
): Promise<ToolResult> {
  const result = await client.callTool({ name, arguments: args }, undefined, {
    ...(onprogress ? { onprogress, resetTimeoutOnProgress: true } : {}),
  });
  const content = result.content as { type: string; text: string }[];
  return {
    isError: result.isError === true,
    text: content.map((c) => c.text).join('\n'),
    data: (result.structuredContent ?? {}) as Structured,
  };
}

/** Waits (with the `wait` tool, so on the task's own end) until the task ended; its record. */
export async function taskEnded(client: Client, taskId: string): Promise<Structured> {
  for (;;) {
    const waited = await callTool(client, 'wait', { taskId, timeout: 100 });
    if (waited.isError) throw new Error(`wait ${taskId}: ${waited.text}`);
    if (waited.data.ended) return waited.data.task;
  }
}
