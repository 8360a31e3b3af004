import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { isTaskState, type TaskState } from '../../core/taskState';
import { taskJson, taskLine } from '../format';
import { listMarks } from '../resultFormat';
import { type CliCommand, print, printJson } from './command';

export const list: CliCommand = {
  usage: 'dispatch list [--state queued|blocked|running|completed|failed|cancelled] [--json]',
  summary: 'list tasks, newest first',
  positionals: [],
  options: { state: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const state = stateFilter(values.state as string | undefined);
    const engine = await ctx.openEngine();
    try {
      const tasks = engine.list(state ? { states: [state] } : {});
      const waiting = engine.waitingFor();
      const retryOf = (t: Task) => (t.state === 'running' ? engine.retrying(t.id) : undefined);
      if (values.json) {
        printJson(
          tasks.map((t) => {
            const retry = retryOf(t);
            return {
              ...taskJson(t),
              waitingFor: waiting.get(t.id) ?? [],
              ...(retry ? { retrying: retry } : {}),
            };
          }),
        );
      } else if (tasks.length === 0) print(state ? `no ${state} tasks` : 'no tasks');
      else {
        for (const task of tasks) {
          print(taskLine(task, waiting.get(task.id), listMarks(task, retryOf(task))));
        }
      }
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

/** A `--state` filter (also the MCP `list` tool's `state`), refused with the states there are. */
export function stateFilter(state: string | undefined): TaskState | undefined {
  if (state === undefined || isTaskState(state)) return state;
  throw new DispatchError(
    'invalid-input',
    `bad state "${state}": use queued, blocked, running, completed, failed or cancelled`,
  );
}
