/**
 * `dispatch search <words…>`: the tasks whose title, prompt or output hold all the words,
 * newest first, each with its matching line. Printed as found (a search over a large history
 * shows its first results at once); like grep, it exits 1 and prints nothing when nothing matches.
 * `--json` streams one JSON array, element by element.
 */
import { DispatchError } from '../../core/errors';
import { isTaskState, TASK_STATES, type TaskState } from '../../core/taskState';
import type { SearchMatch } from '../../engine/search';
import { taskJson, taskLine } from '../format';
import type { CliCommand } from './command';

export const search: CliCommand = {
  usage: 'dispatch search <words…> [--state completed,failed,…] [--json]',
  summary: 'find the tasks whose title, prompt or output hold all the words (case-insensitive)',
  positionals: ['words'],
  variadic: true,
  options: { state: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const states = statesOf(values.state as string | undefined);
    const json = Boolean(values.json);
    const engine = await ctx.openEngine();
    try {
      let printed = 0;
      const out = (text: string) => process.stdout.write(text);
      await engine.search(positionals, {
        ...(states ? { states } : {}),
        onMatch(match) {
          if (json) out(`${printed === 0 ? '[\n' : ',\n'}${JSON.stringify(matchJson(match), null, 2)}`);
          else out(`${taskLine(match.task)}\n    ${whereOf(match)}${match.line}\n`);
          printed++;
        },
      });
      if (json && printed > 0) out('\n]\n');
      return printed > 0 ? 0 : 1;
    } finally {
      await engine.dispose();
    }
  },
};

function statesOf(value: string | undefined): TaskState[] | undefined {
  if (value === undefined) return undefined;
  const states = value.split(',').map((s) => s.trim());
  const bad = states.find((s) => !isTaskState(s));
  if (bad !== undefined) {
    throw new DispatchError(
      'invalid-input',
      `bad state "${bad}": use ${TASK_STATES.join(', ')} (several with commas)`,
    );
  }
  return states as TaskState[];
}

const whereOf = (match: SearchMatch) =>
  match.where === 'output' ? `${match.lineNumber}: ` : `${match.where}: `;

function matchJson(match: SearchMatch): Record<string, unknown> {
  return {
    ...taskJson(match.task),
    match: { where: match.where, line: match.line, lineNumber: match.lineNumber ?? null },
  };
}
