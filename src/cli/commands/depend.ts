import { DispatchError } from '../../core/errors';
import { idList } from '../args';
import { type CliCommand, printSubmitted } from './command';

export const depend: CliCommand = {
  usage: 'dispatch depend <id> --after ID[,ID…] [--json]',
  summary: 'make a queued or blocked task wait for other tasks too (a cycle is refused with its path)',
  positionals: ['id'],
  options: { after: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const after = idList(values.after);
    if (after.length === 0) {
      throw new DispatchError('invalid-input', 'give the tasks it should wait for: --after ID[,ID…]');
    }
    const engine = await ctx.openEngine();
    try {
      printSubmitted(await engine.addDependencies(positionals[0]!, after), values.json === true);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
