import { isTerminal } from '../../core/taskState';
import { outputFormatOf } from '../../engine/agents';
import { openOutputTail } from '../../store';
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
      const { outputDir } = engine.state.paths;
      const format = values.raw ? 'text' : outputFormatOf(task.agent);
      // "… showing the last N lines" is for a person at a terminal. Where the streams are captured
      // (a pipe, a tool running the CLI), stderr is read after stdout, and the notice ended up
      // glued to the last line ("…after 20.2 sdispatch: …"): there --tail prints exactly its lines.
      const notices = process.stderr.isTTY ? process.stderr : { write: () => true };
      // A transcript's --tail counts its own lines, so it reads the whole log and keeps the last.
      const view: LogView =
        format === 'text'
          ? rawView(process.stdout)
          : transcriptView(format, process.stdout, { tail: lines, notices });
      const rawTail = lines !== undefined && format === 'text';
      let finish = () => {};
      const tail = await openOutputTail(outputDir, task.id, {
        start: rawTail ? { lines, maxBytes: 64 * 1024 * 1024 } : { from: 0 },
        onOutput: (batch) => view.write(batch.chunks),
        onEnd: () => finish(),
        onError: (err) => process.stderr.write(`dispatch: ${err.message}\n`),
      });
      if (rawTail && tail.opening.hasOlder) notices.write(`dispatch: … showing the last ${lines} lines\n`);
      await tail.readOpening((slice) => {
        if (slice.skippedBytes > 0) {
          process.stderr.write(
            `dispatch: the first ${slice.skippedBytes} bytes were dropped (dispatch.maxOutputMB)\n`,
          );
        }
        view.write(slice.chunks);
      });
      if (!values.follow) {
        view.end();
        return 0;
      }
      view.opened();
      await new Promise<void>((resolve) => {
        // A task that ends without ever running (cancelled while queued) has no exit record.
        const subscription = engine.onDidChange(() => {
          const current = engine.resolve(task.id);
          if (isTerminal(current.state) && engine.state.read((r) => r.workers.get(task.id)) === undefined) {
            tail.poke();
            setTimeout(finish, 1500);
          }
        });
        let finished = false;
        finish = () => {
          if (finished) return;
          finished = true;
          subscription.dispose();
          tail.dispose();
          view.end();
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
