import { type CliCommand, print } from './command';

export const apply: CliCommand = {
  usage: 'dispatch apply <id>',
  summary:
    "bring a worktree task's changes into the workspace as uncommitted changes (three-way merge); on a conflict nothing changes and it exits 1",
  positionals: ['id'],
  options: {},
  async run(ctx, { positionals }) {
    const engine = await ctx.openEngine();
    try {
      const { files, task } = await engine.worktrees.apply(positionals[0]!);
      if (files.length === 0) print(`${task.id}: nothing to apply (the workspace already has these changes)`);
      else
        print(
          `${task.id}: applied ${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')}`,
        );
      // A conflict throws ApplyConflictError naming the files; main prints it and exits 1.
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
