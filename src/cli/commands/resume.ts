import { type CliCommand, printSubmitted } from './command';

export const resume: CliCommand = {
  usage: 'dispatch resume <id> [--context TEXT] [--json]',
  summary: "queue a new task that starts with a finished task's context (plus TEXT) and print its id",
  positionals: ['id'],
  options: { context: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = await engine.resume(positionals[0]!, values.context as string | undefined);
      printSubmitted(task, values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
