import { isTerminal } from '../../core/taskState';
import { outputFormatOf } from '../../engine/agents';
import { followOutput } from '../../store/output/outputFollower';
import { readFrom, readTail } from '../../store/output/outputReader';
import { positiveInteger } from '../args';
import { type LogView, rawView, transcriptView } from '../logView';
import type { CliCommand } from './command';

export const logs: CliCommand = {
  usage: 'dispatch logs <id> [--tail N] [--follow] [--raw]',
  summary:
    "print a task's output: a transcript for claude, codex and gemini (--raw: the agent's own lines), " +
    'both streams in order; --follow keeps printing until it ends',
  positionals: ['id'],
  options: { tail: { type: 'string' }, follow: { type: 'boolean', short: 'f' }, raw: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const lines = positiveInteger(values.tail, '--tail');
    const engine = await ctx.openEngine();
    try {
      const task = engine.resolve(positionals[0]!);
      const { outputDir } = engine.store.paths;
      const format = values.raw ? 'text' : outputFormatOf(task.agent);
      // A transcript's --tail counts its own lines, so it reads the whole log and keeps the last.
      const view: LogView =
        format === 'text'
          ? rawView(process.stdout)
          : transcriptView(format, process.stdout, { tail: lines, notices: process.stderr });
      const write = (chunks: Parameters<LogView['write']>[0]) => view.write(chunks);
      let position = 0;
      if (lines !== undefined && format === 'text') {
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
      if (!values.follow) {
        view.end();
        return 0;
      }
      view.opened();
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
          view.end();
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
