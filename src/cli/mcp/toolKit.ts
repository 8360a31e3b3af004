/**
 * What every Dispatch MCP tool shares: its answer as text plus `structuredContent`, and bad input
 * as a tool error (`isError`) carrying the CLI's one-line message, so the calling model can read
 * it and try again; the server keeps answering. Anything that is not a DispatchError is a bug or
 * an I/O failure: it is still one line for the client, and logged on stderr (stdout is the
 * protocol's).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DispatchError, messageOf } from '../../core/errors';

export type ToolAnswer = CallToolResult;

export function answer(text: string, structured: Record<string, unknown>): ToolAnswer {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

export function refusal(err: unknown): ToolAnswer {
  if (!(err instanceof DispatchError)) process.stderr.write(`dispatch mcp: ${messageOf(err)}\n`);
  return { content: [{ type: 'text', text: messageOf(err) }], isError: true };
}

/** Runs a tool's body; a thrown error becomes the tool error the client sees. */
export async function guarded(body: () => Promise<ToolAnswer>): Promise<ToolAnswer> {
  try {
    return await body();
  } catch (err) {
    return refusal(err);
  }
}
