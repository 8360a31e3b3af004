/**
 * `wait`: blocks until a task ends or `timeout` seconds pass, as `dispatch wait` does, and reports
 * progress meanwhile when the client asked for it (a progressToken): at once, at every change of
 * the task's state or retry, and every few seconds, so a client that resets its request timeout
 * on progress can wait longer than that timeout.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { retryText } from '../../core/results';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { positiveNumber } from '../args';
import { readTaskIdInput } from './readTools';
import { taskRecord, taskRecordSchema, taskText } from './taskRecord';
import { answer, guarded } from './toolKit';

const DEFAULT_SECONDS = 50;
const PROGRESS_EVERY_MS = 5000;

interface WaitContext {
  signal: AbortSignal;
  progress(progress: number, message: string): void;
}

function waitForEnd(engine: Engine, id: string, seconds: number, ctx: WaitContext): Promise<Task> {
  const startedAt = Date.now();
  let said = '';
  return new Promise((resolve, reject) => {
    const report = (task: Task, always: boolean) => {
      const retry = task.state === 'running' ? engine.retrying(task.id) : undefined;
      const words = `${task.id} ${task.state}${retry ? `, ${retryText(retry)}` : ''}`;
      if (!always && words === said) return;
      said = words;
      ctx.progress((Date.now() - startedAt) / 1000, words);
    };
    let ended = false;
    // `always`: report progress even without news; `last`: end now, whatever the state.
    const check = (always = false, last = false) => {
      if (ended) return;
      try {
        const task = engine.resolve(id);
        report(task, always);
        if (last || isTerminal(task.state)) {
          stop();
          resolve(task);
        }
      } catch (err) {
        // Deleted meanwhile (Clear Finished in a window): the wait ends with the store's message.
        stop();
        reject(err);
      }
    };
    // Change events are the fast path; the poll covers a missed event.
    const subscription = engine.onDidChange(() => check());
    const poll = setInterval(() => check(), 1000);
    const beat = setInterval(() => check(true), PROGRESS_EVERY_MS);
    const timer = setTimeout(() => check(false, true), seconds * 1000);
    const abort = () => check(false, true);
    ctx.signal.addEventListener('abort', abort);
    function stop() {
      ended = true;
      subscription.dispose();
      clearInterval(poll);
      clearInterval(beat);
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', abort);
    }
    check(true);
  });
}

export function registerWaitTool(server: McpServer, engine: Engine): void {
  server.registerTool(
    'wait',
    {
      title: 'Wait for a Dispatch task to end',
      description:
        `Waits until a task completes, fails or is cancelled, or until timeout seconds pass (default ${DEFAULT_SECONDS}), ` +
        "then returns its state and, once ended, the agent's result. Call it again to keep waiting.",
      inputSchema: {
        taskId: readTaskIdInput,
        timeout: z.number().optional().describe(`Seconds to wait at most (default ${DEFAULT_SECONDS})`),
      },
      outputSchema: { ended: z.boolean(), task: taskRecordSchema },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ taskId, timeout }, extra) =>
      guarded(async () => {
        const seconds =
          positiveNumber(timeout === undefined ? undefined : String(timeout), 'timeout') ?? DEFAULT_SECONDS;
        const { id } = engine.resolve(taskId);
        const progressToken = extra._meta?.progressToken;
        let last = -1;
        const task = await waitForEnd(engine, id, seconds, {
          signal: extra.signal,
          progress(progress, message) {
            if (progressToken === undefined) return;
            // Progress must increase with every notification.
            last = Math.max(progress, last + 0.001);
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken, progress: last, total: seconds, message },
              })
              .catch(() => {}); // the client went away; the wait ends with the request
          },
        });
        const ended = isTerminal(task.state);
        const head = ended ? '' : `${task.id} has not ended after ${seconds} s\n\n`;
        return answer(`${head}${await taskText(engine, task)}`, {
          ended,
          task: await taskRecord(engine, task),
        });
      }),
  );
}
