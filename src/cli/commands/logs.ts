import { isTerminal } from '../../core/taskState';
import { type OutputChunk, openOutputTail } from '../../store';
import { positiveInteger } from '../args';
import type { CliCommand } from './command';

function write(chunks: OutputChunk[]): void {
  for (const chunk of chunks) process.stdout.write(chunk.data);
}

export const logs: CliCommand = {
  usage: 'dispatch logs <id> [--tail N] [--follow]',
  summary: "print a task's output (both streams, in order); --follow keeps printing until it ends",
  positionals: ['id'],
  options: { tail: { type: 'string' }, follow: { type: 'boolean', short: 'f' } },
  async run(ctx, { values, positionals }) {
    const lines = positiveInteger(values.tail, '--tail');
    const engine = await ctx.openEngine();
    try {
      const task = engine.resolve(positionals[0]!);
      const { outputDir } = engine.state.paths;
      let finish = () => {};
      const tail = await openOutputTail(outputDir, task.id, {
        start: lines !== undefined ? { lines, maxBytes: 64 * 1024 * 1024 } : { from: 0 },
        onOutput: (batch) => write(batch.chunks),
        onEnd: () => finish(),
        onError: (err) => process.stderr.write(`dispatch: ${err.message}\n`),
      });
      if (lines !== undefined && tail.opening.hasOlder) {
        process.stderr.write(`dispatch: … showing the last ${lines} lines\n`);
      }
      await tail.readOpening((slice) => {
        if (slice.skippedBytes > 0) {
          process.stderr.write(
            `dispatch: the first ${slice.skippedBytes} bytes were dropped (dispatch.maxOutputMB)\n`,
          );
        }
        write(slice.chunks);
      });
      if (!values.follow) return 0;
      await new Promise<void>((resolve) => {
        // A task that ends without ever running (cancelled while queued) has no exit record.
        const subscription = engine.onDidChange(() => {
          const current = engine.resolve(task.id);
          if (isTerminal(current.state) && engine.state.read((r) => r.workers.get(task.id)) === undefined) {
            tail.poke();
            setTimeout(finish, 1500);
          }
        });
        finish = () => {
          subscription.dispose();
          tail.dispose();
          resolve();
        };
        tail.follow();
        if (isTerminal(task.state)) setTimeout(finish, 200);
      });
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
