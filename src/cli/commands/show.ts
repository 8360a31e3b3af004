import { relationsJson, taskDetails, taskJson } from '../format';
import { resultJson } from '../resultFormat';
import { worktreeJson, worktreeLines } from '../worktreeFormat';
import { type CliCommand, print, printJson } from './command';

export const show: CliCommand = {
  usage: 'dispatch show <id> [--json]',
  summary:
    "show one task's details, what the agent reported (summary, refusals, usage), what it waits for and its follow-ups (any unique id prefix works)",
  positionals: ['id'],
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = engine.resolve(positionals[0]!);
      const relations = engine.relationsOf(task.id);
      const result = engine.result(task.id);
      const retry = task.state === 'running' ? engine.retrying(task.id) : undefined;
      if (values.json) {
        const retrying = retry ? { retrying: retry } : {};
        printJson({
          ...taskJson(task),
          ...relationsJson(relations),
          result: resultJson(result),
          ...retrying,
          ...(await worktreeJson(engine, task)),
        });
      } else
        print(taskDetails(task, relations, { result, retry, worktree: await worktreeLines(engine, task) }));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
