import { type CliCommand, printSubmitted } from './command';

export const retry: CliCommand = {
  usage: 'dispatch retry <id> [--autonomy read-only|edit|full] [--model NAME] [--json]',
  summary:
    'run a finished task again (same prompt, agent, priority, folder, timeout, and autonomy and model unless given) and print the new id',
  positionals: ['id'],
  options: { autonomy: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const options = {
        autonomy: values.autonomy as string | undefined,
        model: values.model as string | undefined,
      };
      printSubmitted(await engine.retry(positionals[0]!, options), values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
