import type { Task } from '../../core/task';
import type { Engine } from '../../engine/engine';
import type { CommandSpec, ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { taskJson } from '../format';

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

/**
 * New tasks: their ids (one a line, for scripts), or their JSON. A task cancelled at once, because
 * a dependency had already failed, is also said on stderr: exit 0 alone would hide it.
 */
export function printSubmitted(submitted: Task | readonly Task[], json: boolean): void {
  const tasks: readonly Task[] = Array.isArray(submitted) ? submitted : [submitted as Task];
  if (json) printJson(Array.isArray(submitted) ? tasks.map(taskJson) : taskJson(submitted as Task));
  else for (const task of tasks) print(task.id);
  const cancelled = tasks.find((t) => t.state === 'cancelled');
  if (cancelled)
    process.stderr.write(`dispatch: ${cancelled.id} was cancelled at once: ${cancelled.reason}\n`);
}

/** Runs `use` on an engine opened for this one command and closed after it; exit code 0. */
export async function withEngine(
  ctx: CliContext,
  use: (engine: Engine) => Promise<void> | void,
): Promise<number> {
  const engine = await ctx.openEngine();
  try {
    await use(engine);
    return 0;
  } finally {
    await engine.dispose();
  }
}
