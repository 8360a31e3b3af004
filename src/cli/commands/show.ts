import { taskRecord, taskText } from '../mcp/taskRecord';
import { type CliCommand, print, printJson } from './command';

export const show: CliCommand = {
  usage: 'dispatch show <id> [--json]',
  summary:
    "show one task's details, what the agent reported (summary, refusals, usage), its worktree and changes, the loop it is an iteration of, what it waits for and its follow-ups (any unique id prefix works)",
  positionals: ['id'],
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = engine.resolve(positionals[0]!);
      if (values.json) printJson(await taskRecord(engine, task));
      else print(await taskText(engine, task));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
