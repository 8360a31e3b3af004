/**
 * `delegate` and `reply`: the tools that queue work. Arguments are plain strings and numbers, not
 * enums, on purpose: the engine's own checks (engine/submit/taskInput.ts, followUps.ts) refuse a
 * bad one with the CLI's message and store nothing, where a schema would answer in zod's words.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Task } from '../../core/task';
import type { Engine } from '../../engine/engine';
import { positiveNumber } from '../args';
import { uncommittedNote } from '../worktreeOptions';
import { taskRecord, taskRecordSchema } from './taskRecord';
import { answer, guarded } from './toolKit';

const autonomy = z
  .string()
  .optional()
  .describe(
    'read-only (plans, changes nothing), edit (edits files in its folder) or full; default dispatch.autonomy',
  );
const model = z.string().optional().describe("The agent's model; default the agent's own");
export const worktreeInput = z
  .boolean()
  .optional()
  .describe(
    'true: run in its own git worktree (branch dispatch/<task id>) so the workspace is untouched until you ' +
      'review the changes with diff and land them with apply (or drop them with discard); false: in the folder ' +
      'itself; default the dispatch.worktree.mode setting',
  );

/** Where a worktree task runs and how its changes land; said once in a tool's answer. */
export async function worktreeWords(engine: Engine, task: Task): Promise<string[]> {
  if (!task.worktreePath) return [];
  const note = await uncommittedNote(engine, task);
  return [
    `It runs in the worktree ${task.worktreePath} (branch ${task.worktreeBranch}); once it ended, ` +
      'review its changes with diff, then apply or discard them.',
    ...(note ? [`Note: ${note}.`] : []),
  ];
}

async function submitted(engine: Engine, task: Task, verb: string) {
  const lines = [
    `${verb} task ${task.id} (${task.agent}, ${task.state}): ${task.title}`,
    ...(task.state === 'cancelled' ? [`It was cancelled at once: ${task.reason}`] : []),
    ...(await worktreeWords(engine, task)),
    `Follow it with wait, status or output and taskId "${task.id}".`,
  ];
  return answer(lines.join('\n'), { task: await taskRecord(engine, task) });
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
        'With worktree true the agent works in its own git worktree: review its changes with diff, then ' +
        'apply or discard them. Write the prompt as a complete instruction: the agent does not see this conversation.',
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
        worktree: worktreeInput,
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
