import { type CliCommand, printSubmitted } from './command';

export const reply: CliCommand = {
  usage: 'dispatch reply <id> <message> [--autonomy read-only|edit|full] [--model NAME] [--json]',
  summary:
    "queue a task that continues a finished task's agent session with MESSAGE (same agent and folder) and print its id",
  positionals: ['id', 'message'],
  options: { autonomy: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = await engine.reply(positionals[0]!, positionals[1]!, {
        autonomy: values.autonomy as string | undefined,
        model: values.model as string | undefined,
      });
      printSubmitted(task, values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
