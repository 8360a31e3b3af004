/**
 * Command-line parsing for `dispatch`: global options, then one command with its own options.
 * Built on node:util parseArgs (strict), so unknown options and missing values are errors.
 */
import { parseArgs } from 'node:util';
import { DispatchError } from '../core/errors';

type OptionSpec = { type: 'string' | 'boolean'; short?: string };
export type Options = Record<string, OptionSpec>;

export const GLOBAL_OPTIONS = {
  workspace: { type: 'string' },
  'state-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} satisfies Options;

export interface CommandSpec {
  usage: string;
  summary: string;
  options: Options;
  /** Names of the positional arguments, all required. */
  positionals: string[];
  /** The last positional also takes every argument after it (`dispatch pipeline <step> <step> …`). */
  variadic?: boolean;
  /** A command with subcommands (`dispatch schedule create …`) parses each with its own spec. */
  subcommands?: Record<string, CommandSpec>;
  /**
   * The subcommand meant when the next word names none (`dispatch loop <prompt> …` is `loop
   * start`); it is then not in ParsedArgs.subcommand, so `--help` shows the whole command.
   */
  defaultSubcommand?: string;
}

export interface ParsedArgs {
  command: string | undefined;
  /** Set when the command has subcommands (undefined only with --help). */
  subcommand?: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function findCommand(argv: string[]): string | undefined {
  const at = commandIndex(argv);
  return at === undefined ? undefined : argv[at];
}

function commandIndex(argv: string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return i + 1 < argv.length ? i + 1 : undefined;
    if (!arg.startsWith('-')) return i;
    const name = arg.replace(/^--?/, '').split('=')[0]!;
    const spec = (GLOBAL_OPTIONS as Options)[name];
    if (spec?.type === 'string' && !arg.includes('=')) i++;
  }
  return undefined;
}

export function parseCommandLine(argv: string[], commands: Record<string, CommandSpec>): ParsedArgs {
  const command = findCommand(argv);
  let spec = command === undefined ? undefined : commands[command];
  if (command !== undefined && spec === undefined) {
    throw new DispatchError(
      'invalid-input',
      `unknown command "${command}"; commands are: ${Object.keys(commands).join(', ')}`,
    );
  }
  let subcommand: string | undefined;
  if (spec?.subcommands) {
    const subs = spec.subcommands;
    const next = argv[commandIndex(argv)! + 1];
    const named = next !== undefined && !next.startsWith('-');
    if (spec.defaultSubcommand && !(named && subs[next])) {
      spec = subs[spec.defaultSubcommand];
    } else if (named) {
      if (!subs[next]) {
        throw new DispatchError(
          'invalid-input',
          `unknown subcommand "${next}" of dispatch ${command}; use one of: ${Object.keys(subs).join(', ')}`,
        );
      }
      subcommand = next;
      spec = subs[next];
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...(spec?.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const name = [command, subcommand].filter(Boolean).join(' ');
    const where = command ? ` (see dispatch ${name} --help)` : ' (see dispatch --help)';
    throw new DispatchError('invalid-input', `${(err as Error).message.replace(/\.$/, '')}${where}`);
  }
  const positionals = parsed.positionals.slice((command === undefined ? 0 : 1) + (subcommand ? 1 : 0));
  const values = parsed.values as ParsedArgs['values'];
  if (spec?.subcommands && subcommand === undefined && !values.help) {
    throw new DispatchError(
      'invalid-input',
      `dispatch ${command} needs a subcommand: ${Object.keys(spec.subcommands).join(', ')} (see dispatch ${command} --help)`,
    );
  }
  if (spec && !values.help) {
    if (positionals.length < spec.positionals.length) {
      throw new DispatchError(
        'invalid-input',
        `missing <${spec.positionals[positionals.length]}>; usage: ${spec.usage}`,
      );
    }
    if (positionals.length > spec.positionals.length && !spec.variadic) {
      const extra = positionals[spec.positionals.length];
      throw new DispatchError(
        'invalid-input',
        `unexpected argument "${extra}"; usage: ${spec.usage} (quote a prompt that has spaces)`,
      );
    }
  }
  return { command, ...(subcommand ? { subcommand } : {}), values, positionals };
}

/** Task ids given as `ID[,ID…]` (a flag may also be repeated as one comma list). */
export function idList(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

export function positiveNumber(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new DispatchError('invalid-input', `${flag} must be a positive number, got "${value}"`);
  }
  return n;
}

export function positiveInteger(value: string | boolean | undefined, flag: string): number | undefined {
  const n = positiveNumber(value, flag);
  if (n !== undefined && !Number.isInteger(n)) {
    throw new DispatchError('invalid-input', `${flag} must be a whole number, got "${value}"`);
  }
  return n;
}
