import { isTerminal } from '../../core/taskState';
import { type CliCommand, print } from './command';

export const cancel: CliCommand = {
  usage: 'dispatch cancel <id>',
  summary: 'cancel a queued or running task, from any window or terminal',
  positionals: ['id'],
  options: {},
  async run(ctx, { positionals }) {
    const engine = await ctx.openEngine();
    try {
      const before = engine.resolve(positionals[0]!);
      if (isTerminal(before.state)) {
        print(`${before.id} already ${before.state}`);
        return 0;
      }
      const task = await engine.cancel(before.id);
      print(
        task.state === 'cancelled'
          ? `${task.id} cancelled`
          : `${task.id} cancelling (its agent is being stopped)`,
      );
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
