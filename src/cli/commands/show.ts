import { relationsJson, taskDetails, taskJson } from '../format';
import { type CliCommand, print, printJson } from './command';

export const show: CliCommand = {
  usage: 'dispatch show <id> [--json]',
  summary: "show one task's details, what it waits for and its retries (any unique id prefix works)",
  positionals: ['id'],
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = engine.resolve(positionals[0]!);
      const relations = engine.relationsOf(task.id);
      if (values.json) printJson({ ...taskJson(task), ...relationsJson(relations) });
      else print(taskDetails(task, relations, engine.agentsAtCap()));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
