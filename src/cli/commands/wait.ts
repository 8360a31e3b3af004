import { isTerminal } from '../../core/taskState';
import { positiveNumber } from '../args';
import { type CliCommand, print } from './command';

/** Exit code when --timeout passes first (as coreutils `timeout` does). */
export const WAIT_TIMED_OUT = 124;

export const wait: CliCommand = {
  usage: 'dispatch wait <id> [--timeout SECONDS]',
  summary: 'wait for a task to end: exit 0 if it completed, 1 if it failed or was cancelled, 124 on timeout',
  positionals: ['id'],
  options: { timeout: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout');
    const engine = await ctx.openEngine();
    try {
      const { id } = engine.resolve(positionals[0]!);
      const task = await new Promise<ReturnType<typeof engine.resolve> | undefined>((resolve) => {
        const check = () => {
          const current = engine.resolve(id);
          if (isTerminal(current.state)) done(current);
        };
        // Change events are the fast path; the poll covers a missed event.
        const subscription = engine.onDidChange(check);
        const poll = setInterval(check, 1000);
        const timer = timeoutSeconds ? setTimeout(() => done(undefined), timeoutSeconds * 1000) : undefined;
        function done(result: ReturnType<typeof engine.resolve> | undefined) {
          subscription.dispose();
          clearInterval(poll);
          if (timer) clearTimeout(timer);
          resolve(result);
        }
        check();
      });
      if (!task) {
        const now = engine.resolve(id);
        const paused =
          now.state === 'paused' ? ` (paused at its usage limit: ${engine.agents.pausedWords(now)})` : '';
        print(`${id} has not ended after ${timeoutSeconds} s${paused}`);
        return WAIT_TIMED_OUT;
      }
      print(`${task.id} ${task.state}${task.reason ? `: ${task.reason}` : ''}`);
      return task.state === 'completed' ? 0 : 1;
    } finally {
      await engine.dispose();
    }
  },
};
