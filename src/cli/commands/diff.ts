import { type CliCommand, print } from './command';

export const diff: CliCommand = {
  usage: 'dispatch diff <id> [--stat]',
  summary:
    "what a worktree task changed against its base: the agent's commits, uncommitted edits and new files, as a patch",
  positionals: ['id'],
  options: { stat: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const engine = await ctx.openEngine();
    try {
      const text = await engine.worktrees.diff(positionals[0]!, { stat: values.stat === true });
      if (text === '') print(`${engine.resolve(positionals[0]!).id} changed nothing`);
      else process.stdout.write(text);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
