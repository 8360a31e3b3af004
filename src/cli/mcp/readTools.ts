/** `list`, `status` and `output`: read-only views of the shared queue, as `dispatch list/show/logs`. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { TASK_STATES } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { outputTail } from '../../engine/output/transcriptTail';
import { positiveInteger } from '../args';
import { stateFilter } from '../commands/list';
import { waitReasons } from '../holds';
import { listEntry, taskRecord, taskRecordSchema, taskText } from './taskRecord';
import { answer, guarded } from './toolKit';

export const readTaskIdInput = z.string().describe('The task id, or any unique prefix of it');
const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;
const DEFAULT_LINES = 50;

export function registerReadTools(server: McpServer, engine: Engine): void {
  server.registerTool(
    'list',
    {
      title: 'List Dispatch tasks',
      description:
        'Lists the tasks of this workspace, newest first, optionally only those in one state ' +
        `(${TASK_STATES.join(', ')}). A paused task waits for its agent's usage limit to reset ` +
        '(resumeAt), then runs again by itself.',
      inputSchema: {
        state: z.string().optional().describe(TASK_STATES.join(', ')),
      },
      outputSchema: { tasks: z.array(taskRecordSchema) },
      annotations: READ_ONLY,
    },
    ({ state }) =>
      guarded(async () => {
        const filter = stateFilter(state);
        const waiting = engine.waitingFor();
        const held = waitReasons(engine);
        const entries = engine
          .list(filter ? { states: [filter] } : {})
          .map((task) => listEntry(engine, task, waiting.get(task.id) ?? [], held));
        const text = entries.length
          ? entries.map((e) => e.line).join('\n')
          : filter
            ? `no ${filter} tasks`
            : 'no tasks';
        return answer(text, { tasks: entries.map((e) => e.record) });
      }),
  );

  server.registerTool(
    'status',
    {
      title: "A Dispatch task's state and result",
      description:
        "One task's state and details; once it ended, the agent's result: its final summary, tokens, cost, " +
        'turns and the actions it was refused (a refusal means the task needs more autonomy or a person). ' +
        'A loop iteration names its loop (loop_status shows every iteration).',
      inputSchema: { taskId: readTaskIdInput },
      outputSchema: { task: taskRecordSchema },
      annotations: READ_ONLY,
    },
    ({ taskId }) =>
      guarded(async () => {
        const task = engine.resolve(taskId);
        return answer(await taskText(engine, task), { task: await taskRecord(engine, task) });
      }),
  );

  server.registerTool(
    'output',
    {
      title: "The end of a Dispatch task's output",
      description:
        "The last lines of what a task's agent did: a transcript of its messages, commands, refusals and " +
        "footer (raw: the agent's own output lines instead). Works while it runs and after it ended.",
      inputSchema: {
        taskId: readTaskIdInput,
        lines: z.number().optional().describe(`How many lines from the end (default ${DEFAULT_LINES})`),
        raw: z.boolean().optional().describe("The agent's own lines instead of the transcript"),
      },
      outputSchema: {
        taskId: z.string(),
        state: z.string(),
        lines: z.array(z.string()),
        omittedLines: z.number(),
      },
      annotations: READ_ONLY,
    },
    ({ taskId, lines, raw }) =>
      guarded(async () => {
        const count =
          positiveInteger(lines === undefined ? undefined : String(lines), 'lines') ?? DEFAULT_LINES;
        const task = engine.resolve(taskId);
        const tail = await outputTail(engine.paths.outputDir, task, { lines: count, raw: raw === true });
        const notes = [
          tail.omitted > 0 ? `… showing the last ${tail.lines.length} lines` : undefined,
          tail.droppedBytes > 0
            ? `… the first ${tail.droppedBytes} bytes were dropped (dispatch.maxOutputMB)`
            : undefined,
          tail.lines.length === 0 ? `${task.id} has no output yet (${task.state})` : undefined,
        ].filter((n): n is string => n !== undefined);
        return answer([...notes, ...tail.lines].join('\n'), {
          taskId: task.id,
          state: task.state,
          lines: tail.lines,
          omittedLines: tail.omitted,
        });
      }),
  );
}
