import { type CliCommand, print } from './command';

export const discard: CliCommand = {
  usage: 'dispatch discard <id>',
  summary: "remove a finished worktree task's worktree and its branch dispatch/<id>, changes and all",
  positionals: ['id'],
  options: {},
  async run(ctx, { positionals }) {
    const engine = await ctx.openEngine();
    try {
      const task = await engine.worktrees.discard(positionals[0]!);
      print(`${task.id}: removed its worktree and branch ${task.worktreeBranch}`);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
