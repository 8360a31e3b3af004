/** `dispatch loop <prompt> …` starts a loop; `dispatch loop show|list|cancel` manage them (see args.ts). */
import type { CliCommand } from '../command';
import { cancel, list, show } from './manage';
import { start } from './start';

const SUBCOMMANDS: Record<string, CliCommand> = { start, show, list, cancel };

export const loop: CliCommand = {
  usage: [
    'dispatch loop <prompt> … | dispatch loop <subcommand> …',
    ...Object.values(SUBCOMMANDS).map((sub) => `  ${sub.usage}\n      ${sub.summary}`),
  ].join('\n'),
  summary: 'run an agent again and again until a check passes, or to improve a score',
  positionals: [],
  options: {},
  subcommands: SUBCOMMANDS,
  defaultSubcommand: 'start',
  run(ctx, args) {
    return SUBCOMMANDS[args.subcommand ?? 'start']!.run(ctx, args);
  },
};
