import { type CliCommand, print } from './command';

export const recover: CliCommand = {
  usage: 'dispatch recover',
  summary: 'one recovery pass: adopt orphaned tasks, finish exited ones, fail dead ones; prints what it did',
  positionals: [],
  options: {},
  async run(ctx) {
    const engine = await ctx.openEngine();
    try {
      const report = await engine.recoverNow();
      let any = false;
      for (const [what, ids] of Object.entries(report)) {
        for (const id of ids) {
          print(`${what} ${id}`);
          any = true;
        }
      }
      if (!any) print('nothing to recover');
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
