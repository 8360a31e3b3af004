import { noteUncommitted, worktreeChoice } from '../worktreeOptions';
import { type CliCommand, printSubmitted } from './command';

export const retry: CliCommand = {
  usage: 'dispatch retry <id> [--autonomy read-only|edit|full] [--model NAME] [--worktree] [--json]',
  summary:
    'run a finished task again (same prompt, agent, priority, folder, timeout, and autonomy and model unless given; a worktree task in a fresh worktree from the same base) and print the new id',
  positionals: ['id'],
  options: {
    autonomy: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
    worktree: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const worktree = worktreeChoice(values);
    const engine = await ctx.openEngine();
    try {
      const options = {
        autonomy: values.autonomy as string | undefined,
        model: values.model as string | undefined,
        ...(worktree ? { worktree } : {}),
      };
      const task = await engine.retry(positionals[0]!, options);
      printSubmitted(task, values.json === true);
      if (worktree && task.worktreeBase) await noteUncommitted(engine, task);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
