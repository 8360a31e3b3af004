import { noteUncommitted, worktreeChoice } from '../worktreeOptions';
import { type CliCommand, printSubmitted } from './command';

export const retry: CliCommand = {
  usage: 'dispatch retry <id> [--worktree] [--json]',
  summary:
    'run a finished task again (same prompt, agent, priority, folder, timeout; a worktree task in a fresh worktree from the same base) and print the new id',
  positionals: ['id'],
  options: { json: { type: 'boolean' }, worktree: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const worktree = worktreeChoice(values);
    const engine = await ctx.openEngine();
    try {
      const task = await engine.retry(positionals[0]!, worktree ? { worktree } : {});
      printSubmitted(task, values.json === true);
      if (worktree && task.worktreeBase) await noteUncommitted(engine, task);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
