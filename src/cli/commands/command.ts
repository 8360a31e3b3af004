import type { CommandSpec, ParsedArgs } from '../args';
import type { CliContext } from '../context';

/** One CLI command: its usage and its handler, which returns the process exit code. */
export interface CliCommand extends CommandSpec {
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}

export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
