import { type CliCommand, printSubmitted } from './command';

export const retry: CliCommand = {
  usage: 'dispatch retry <id> [--json]',
  summary: 'run a finished task again (same prompt, agent, priority, folder, timeout) and print the new id',
  positionals: ['id'],
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      printSubmitted(await engine.retry(positionals[0]!), values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
