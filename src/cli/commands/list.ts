import { DispatchError } from '../../core/errors';
import { isTaskState } from '../../core/taskState';
import { taskJson, taskLine } from '../format';
import { type CliCommand, print, printJson } from './command';

export const list: CliCommand = {
  usage: 'dispatch list [--state queued|blocked|running|completed|failed|cancelled] [--json]',
  summary: 'list tasks, newest first',
  positionals: [],
  options: { state: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const state = values.state as string | undefined;
    if (state !== undefined && !isTaskState(state)) {
      throw new DispatchError(
        'invalid-input',
        `bad state "${state}": use queued, blocked, running, completed, failed or cancelled`,
      );
    }
    const engine = await ctx.openEngine();
    try {
      const tasks = engine.list(state ? { states: [state] } : {});
      const waiting = engine.waitingFor();
      const atCap = engine.agentsAtCap();
      if (values.json) printJson(tasks.map((t) => ({ ...taskJson(t), waitingFor: waiting.get(t.id) ?? [] })));
      else if (tasks.length === 0) print(state ? `no ${state} tasks` : 'no tasks');
      else for (const task of tasks) print(taskLine(task, waiting.get(task.id), atCap));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
