import { DispatchError } from '../../core/errors';
import { isTaskState, TASK_STATES, type TaskState } from '../../core/taskState';
import { waitReasons } from '../holds';
import { listEntry } from '../mcp/taskRecord';
import { type CliCommand, print, printJson } from './command';

export const list: CliCommand = {
  usage: `dispatch list [--state ${TASK_STATES.join('|')}] [--json]`,
  summary: 'list tasks, newest first',
  positionals: [],
  options: { state: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const state = stateFilter(values.state as string | undefined);
    const engine = await ctx.openEngine();
    try {
      const tasks = engine.list(state ? { states: [state] } : {});
      const waiting = engine.waitingFor();
      const held = waitReasons(engine);
      const entries = tasks.map((t) => listEntry(engine, t, waiting.get(t.id) ?? [], held));
      if (values.json) printJson(entries.map((e) => e.record));
      else if (tasks.length === 0) print(state ? `no ${state} tasks` : 'no tasks');
      else for (const entry of entries) print(entry.line);
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
    `bad state "${state}": use ${TASK_STATES.slice(0, -1).join(', ')} or ${TASK_STATES.at(-1)}`,
  );
}
