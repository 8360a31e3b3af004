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
}

export interface ParsedArgs {
  command: string | undefined;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function findCommand(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (!arg.startsWith('-')) return arg;
    const name = arg.replace(/^--?/, '').split('=')[0]!;
    const spec = (GLOBAL_OPTIONS as Options)[name];
    if (spec?.type === 'string' && !arg.includes('=')) i++;
  }
  return undefined;
}

export function parseCommandLine(argv: string[], commands: Record<string, CommandSpec>): ParsedArgs {
  const command = findCommand(argv);
  const spec = command === undefined ? undefined : commands[command];
  if (command !== undefined && spec === undefined) {
    throw new DispatchError(
      'invalid-input',
      `unknown command "${command}"; commands are: ${Object.keys(commands).join(', ')}`,
    );
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
    const where = command ? ` (see dispatch ${command} --help)` : ' (see dispatch --help)';
    throw new DispatchError('invalid-input', `${(err as Error).message.replace(/\.$/, '')}${where}`);
  }
  const positionals = parsed.positionals.slice(command === undefined ? 0 : 1);
  const values = parsed.values as ParsedArgs['values'];
  if (spec && !values.help) {
    if (positionals.length < spec.positionals.length) {
      throw new DispatchError(
        'invalid-input',
        `missing <${spec.positionals[positionals.length]}>; usage: ${spec.usage}`,
      );
    }
    if (positionals.length > spec.positionals.length) {
      const extra = positionals[spec.positionals.length];
      throw new DispatchError(
        'invalid-input',
        `unexpected argument "${extra}"; usage: ${spec.usage} (quote a prompt that has spaces)`,
      );
    }
  }
  return { command, values, positionals };
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
