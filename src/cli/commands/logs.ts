import { isTerminal } from '../../core/taskState';
import { followOutput } from '../../store/output/outputFollower';
import { type OutputChunk, readFrom, readTail } from '../../store/output/outputReader';
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
      const { outputDir } = engine.store.paths;
      let position = 0;
      if (lines !== undefined) {
        const tail = await readTail(outputDir, task.id, { lines, maxBytes: 64 * 1024 * 1024 });
        if (tail.start > tail.truncatedBytes)
          process.stderr.write(`dispatch: … showing the last ${lines} lines\n`);
        write(tail.chunks);
        position = tail.end;
      } else {
        for (;;) {
          const slice = await readFrom(outputDir, task.id, position);
          if (slice.skippedBytes > 0) {
            process.stderr.write(
              `dispatch: the first ${slice.skippedBytes} bytes were dropped (dispatch.maxOutputMB)\n`,
            );
          }
          write(slice.chunks);
          if (slice.end === position) break;
          position = slice.end;
        }
      }
      if (!values.follow) return 0;
      await new Promise<void>((resolve) => {
        const follower = followOutput(outputDir, task.id, {
          from: position,
          onOutput: (batch) => write(batch.chunks),
          onEnd: () => finish(),
          onError: (err) => process.stderr.write(`dispatch: ${err.message}\n`),
        });
        // A task that ends without ever running (cancelled while queued) has no exit record.
        const subscription = engine.onDidChange(() => {
          const current = engine.resolve(task.id);
          if (isTerminal(current.state) && engine.store.read((r) => r.workers.get(task.id)) === undefined) {
            follower.poke();
            setTimeout(finish, 1500);
          }
        });
        function finish() {
          subscription.dispose();
          follower.dispose();
          resolve();
        }
        if (isTerminal(task.state)) setTimeout(finish, 200);
      });
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
