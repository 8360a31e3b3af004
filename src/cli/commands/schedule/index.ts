/** `dispatch schedule <subcommand>`: each subcommand is a command of its own (see args.ts). */
import type { CliCommand } from '../command';
import { create } from './create';
import { cancel, list, pause, resume, show } from './manage';

const SUBCOMMANDS: Record<string, CliCommand> = { create, list, show, pause, resume, cancel };

export const schedule: CliCommand = {
  usage: [
    'dispatch schedule <subcommand> …',
    ...Object.values(SUBCOMMANDS).map((sub) => `  ${sub.usage}\n      ${sub.summary}`),
  ].join('\n'),
  summary: 'run a task on a cron schedule or once at a given time (while any window or worker is open)',
  positionals: [],
  options: {},
  subcommands: SUBCOMMANDS,
  run(ctx, args) {
    // parseCommandLine refuses a missing or unknown subcommand before we get here.
    return SUBCOMMANDS[args.subcommand!]!.run(ctx, args);
  },
};
