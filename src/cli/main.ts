/**
 * `dispatch`: the command-line face of the same engine the editor runs. Exit codes: 0 success,
 * 1 a task failed (wait), an operation failed or a search found nothing, 2 bad input (one clear line on stderr), 124 wait
 * timed out.
 */
import { DispatchError, messageOf } from '../core/errors';
import { type CommandSpec, parseCommandLine } from './args';
import { agents } from './commands/agents';
import { apply } from './commands/apply';
import { cancel } from './commands/cancel';
import type { CliCommand } from './commands/command';
import { delegate } from './commands/delegate';
import { depend } from './commands/depend';
import { diff } from './commands/diff';
import { discard } from './commands/discard';
import { list } from './commands/list';
import { logs } from './commands/logs';
import { loop } from './commands/loop';
import { mcp } from './commands/mcp';
import { pipeline } from './commands/pipeline';
import { recover } from './commands/recover';
import { reply } from './commands/reply';
import { resume } from './commands/resume';
import { retry } from './commands/retry';
import { schedule } from './commands/schedule';
import { search } from './commands/search';
import { show } from './commands/show';
import { usage as usageCommand } from './commands/usage';
import { wait } from './commands/wait';
import { worker } from './commands/worker';
import { createContext } from './context';

declare const __VERSION__: string | undefined;

const COMMANDS: Record<string, CliCommand> = {
  delegate,
  depend,
  pipeline,
  retry,
  resume,
  reply,
  list,
  show,
  search,
  usage: usageCommand,
  logs,
  cancel,
  diff,
  apply,
  discard,
  wait,
  worker,
  mcp,
  recover,
  schedule,
  agents,
  loop,
};

const INPUT_ERRORS = new Set([
  'invalid-input',
  'not-found',
  'ambiguous-id',
  'invalid-config',
  'dependency-cycle',
]);

function usage(): string {
  const lines = [
    'usage: dispatch [--workspace DIR] [--state-dir DIR] <command> [options]',
    '',
    'Delegate tasks to background coding agents; shares one queue with every VS Code window',
    'open on the same workspace (state in <workspace>/.vscode/dispatch unless --state-dir).',
    '',
    'commands:',
  ];
  for (const [name, command] of Object.entries(COMMANDS))
    lines.push(`  ${name.padEnd(9)} ${command.summary}`);
  lines.push('', 'Run `dispatch <command> --help` for its options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCommandLine(argv, COMMANDS as Record<string, CommandSpec>);
    if (args.values.version) {
      process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
      return 0;
    }
    const command = args.command ? COMMANDS[args.command] : undefined;
    if (!command) {
      (args.values.help ? process.stdout : process.stderr).write(`${usage()}\n`);
      return args.values.help ? 0 : 2;
    }
    if (args.values.help) {
      const shown = (args.subcommand && command.subcommands?.[args.subcommand]) || command;
      process.stdout.write(`usage: ${shown.usage}\n\n${shown.summary}\n`);
      return 0;
    }
    return await command.run(createContext(args.values), args);
  } catch (err) {
    process.stderr.write(`dispatch: ${messageOf(err)}\n`);
    return err instanceof DispatchError && INPUT_ERRORS.has(err.code) ? 2 : 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
