/** The loop subcommands that read or cancel an existing loop. */
import { loopDetails } from '../../../core/loopText';
import { loopJson, loopLine } from '../../loopFormat';
import { type CliCommand, print, printJson, withEngine } from '../command';

const json = { json: { type: 'boolean' } } as const;

export const list: CliCommand = {
  usage: 'dispatch loop list [--json]',
  summary: 'list loops, newest first, with how many iterations ran',
  positionals: [],
  options: json,
  run: (ctx, { values }) =>
    withEngine(ctx, (engine) => {
      const loops = engine.loops.list();
      if (values.json) printJson(loops.map(loopJson));
      else if (loops.length === 0) print('no loops');
      else for (const entry of loops) print(loopLine(entry));
    }),
};

export const show: CliCommand = {
  usage: 'dispatch loop show <id> [--json]',
  summary:
    "show a loop, its iterations with their check's exit code and score, and its best; any unique id prefix works",
  positionals: ['id'],
  options: json,
  run: (ctx, { values, positionals }) =>
    withEngine(ctx, (engine) => {
      const entry = engine.loops.get(positionals[0]!);
      if (values.json) printJson(loopJson(entry));
      else print(loopDetails(entry));
    }),
};

export const cancel: CliCommand = {
  usage: 'dispatch loop cancel <id> [--json]',
  summary: 'cancel the running iteration (and its check) and end the loop cancelled',
  positionals: ['id'],
  options: json,
  run: (ctx, { values, positionals }) =>
    withEngine(ctx, async (engine) => {
      const before = engine.loops.get(positionals[0]!);
      const entry = before.loop.state === 'running' ? await engine.loops.cancel(before.loop.id) : before;
      if (values.json) printJson(loopJson(entry));
      else if (entry !== before) print(`${entry.loop.id} cancelled`);
      else print(`${entry.loop.id} already ${entry.loop.state}`);
    }),
};
