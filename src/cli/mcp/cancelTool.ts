/** `cancel`: stops a queued or running task from any process, as `dispatch cancel` does. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { readTaskIdInput } from './readTools';
import { taskRecord, taskRecordSchema } from './taskRecord';
import { answer, guarded } from './toolKit';

export function registerCancelTool(server: McpServer, engine: Engine): void {
  server.registerTool(
    'cancel',
    {
      title: 'Cancel a Dispatch task',
      description:
        'Cancels a queued, blocked, paused or running task: a running agent is stopped (what it already changed stays). ' +
        'A task that already ended is left as it is. Tasks that wait for it are cancelled too.',
      inputSchema: { taskId: readTaskIdInput },
      outputSchema: { task: taskRecordSchema },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ taskId }) =>
      guarded(async () => {
        const before = engine.resolve(taskId);
        const task = isTerminal(before.state) ? before : await engine.cancel(before.id);
        const text = isTerminal(before.state)
          ? `${task.id} already ${task.state}`
          : task.state === 'cancelled'
            ? `${task.id} cancelled`
            : `${task.id} cancelling (its agent is being stopped)`;
        return answer(text, { task: await taskRecord(engine, task) });
      }),
  );
}
