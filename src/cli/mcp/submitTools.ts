/**
 * `delegate` and `reply`: the tools that queue work. Arguments are plain strings and numbers, not
 * enums, on purpose: the engine's own checks (engine/submit/taskInput.ts, followUps.ts) refuse a
 * bad one with the CLI's message and store nothing, where a schema would answer in zod's words.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Engine } from '../../engine/engine';
import { positiveNumber } from '../args';
import { taskRecord, taskRecordSchema } from './taskRecord';
import { answer, guarded } from './toolKit';

const autonomy = z
  .string()
  .optional()
  .describe(
    'read-only (plans, changes nothing), edit (edits files in its folder) or full; default dispatch.autonomy',
  );
const model = z.string().optional().describe("The agent's model; default the agent's own");

async function submitted(engine: Engine, task: Parameters<typeof taskRecord>[1], verb: string) {
  const cancelled = task.state === 'cancelled' ? `\nIt was cancelled at once: ${task.reason}` : '';
  return answer(
    `${verb} task ${task.id} (${task.agent}, ${task.state}): ${task.title}${cancelled}\n` +
      `Follow it with wait, status or output and taskId "${task.id}".`,
    { task: await taskRecord(engine, task) },
  );
}

export function registerSubmitTools(server: McpServer, engine: Engine): void {
  server.registerTool(
    'delegate',
    {
      title: 'Delegate a task to a background coding agent',
      description:
        'Queues a coding task for a background agent (claude, codex, gemini, shell or one from dispatch.agents) ' +
        'in this workspace and returns at once with its id; the agent runs in its own process and the task ' +
        "shows in every VS Code window's Dispatch views. Use wait to block until it ends, status for its " +
        'result (summary, tokens, cost, refused actions), output for what it printed, cancel to stop it. ' +
        'Write the prompt as a complete instruction: the agent does not see this conversation.',
      inputSchema: {
        prompt: z.string().describe('What the agent should do, complete and self-contained'),
        agent: z
          .string()
          .optional()
          .describe('claude, codex, gemini, shell (a command line) or a custom agent'),
        priority: z.string().optional().describe('P0 (highest), P1 or P2 (default P1)'),
        autonomy,
        model,
        after: z
          .array(z.string())
          .optional()
          .describe('Task ids this one waits for; it runs once all completed'),
        cwd: z
          .string()
          .optional()
          .describe('Working folder, relative to the workspace; default the workspace'),
        title: z.string().optional().describe('A short title; default the first line of the prompt'),
        timeout: z
          .number()
          .optional()
          .describe('Seconds before the agent is stopped; default dispatch.taskTimeoutMinutes'),
      },
      outputSchema: { task: taskRecordSchema },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args) =>
      guarded(async () => {
        const timeoutSeconds = positiveNumber(
          args.timeout === undefined ? undefined : String(args.timeout),
          'timeout',
        );
        const task = await engine.delegate({ ...args, timeoutSeconds, after: args.after ?? [] });
        return submitted(engine, task, 'Queued');
      }),
  );

  server.registerTool(
    'reply',
    {
      title: 'Reply to a finished task',
      description:
        "Queues a follow-up to a finished task: the same agent and folder continue that task's agent session " +
        '(or start with its context when the agent has none) with your message. Returns the new task.',
      inputSchema: {
        taskId: z.string().describe('The finished task: its id or any unique prefix'),
        message: z.string().describe('What the agent should do next'),
        autonomy,
        model,
      },
      outputSchema: { task: taskRecordSchema },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    ({ taskId, message, ...options }) =>
      guarded(async () => submitted(engine, await engine.reply(taskId, message, options), 'Queued reply as')),
  );
}
