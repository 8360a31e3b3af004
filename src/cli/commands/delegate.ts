import { positiveNumber } from '../args';
import { taskJson } from '../format';
import { type CliCommand, print, printJson } from './command';

export const delegate: CliCommand = {
  usage:
    'dispatch delegate <prompt> [--agent NAME] [--priority P0|P1|P2] [--cwd DIR] [--timeout SECONDS] [--title TEXT] [--json]',
  summary: 'queue a task (an editor window or `dispatch worker` runs it) and print its id',
  positionals: ['prompt'],
  options: {
    agent: { type: 'string' },
    priority: { type: 'string' },
    cwd: { type: 'string' },
    timeout: { type: 'string' },
    title: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout');
    const engine = await ctx.openEngine();
    try {
      const task = await engine.delegate({
        prompt: positionals[0]!,
        agent: values.agent as string | undefined,
        priority: values.priority as string | undefined,
        cwd: values.cwd as string | undefined,
        title: values.title as string | undefined,
        timeoutSeconds,
      });
      if (values.json) printJson(taskJson(task));
      else print(task.id);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
