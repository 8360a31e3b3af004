import { idList, positiveNumber } from '../args';
import { type CliCommand, printSubmitted } from './command';

export const pipeline: CliCommand = {
  usage:
    'dispatch pipeline <step> <step> … [--continue] [--agent NAME] [--priority P0|P1|P2] [--cwd DIR] ' +
    '[--timeout SECONDS] [--after ID[,ID…]] [--autonomy read-only|edit|full] [--model NAME] [--json]',
  summary: 'queue 2-20 prompts as steps that run one after another (a failed step cancels the rest)',
  positionals: ['step', 'step'],
  variadic: true,
  options: {
    continue: { type: 'boolean' },
    agent: { type: 'string' },
    priority: { type: 'string' },
    cwd: { type: 'string' },
    timeout: { type: 'string' },
    after: { type: 'string' },
    autonomy: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout');
    const engine = await ctx.openEngine();
    try {
      const tasks = await engine.pipeline(
        positionals.map((prompt) => ({ prompt })),
        {
          continue: values.continue === true,
          agent: values.agent as string | undefined,
          priority: values.priority as string | undefined,
          cwd: values.cwd as string | undefined,
          timeoutSeconds,
          after: idList(values.after),
          autonomy: values.autonomy as string | undefined,
          model: values.model as string | undefined,
        },
      );
      printSubmitted(tasks, values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
