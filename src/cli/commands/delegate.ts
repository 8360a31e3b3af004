import { idList, positiveNumber } from '../args';
import { noteUncommitted, WORKTREE_OPTIONS, WORKTREE_USAGE, worktreeChoice } from '../worktreeOptions';
import { type CliCommand, printSubmitted } from './command';

export const delegate: CliCommand = {
  usage:
    'dispatch delegate <prompt> [--agent NAME] [--priority P0|P1|P2] [--cwd DIR] [--timeout SECONDS] [--title TEXT] ' +
    `[--after ID[,ID…]] [--continue-from ID] [--autonomy read-only|edit|full] [--model NAME] ${WORKTREE_USAGE} [--json]`,
  summary: 'queue a task (an editor window or `dispatch worker` runs it) and print its id',
  positionals: ['prompt'],
  options: {
    agent: { type: 'string' },
    priority: { type: 'string' },
    cwd: { type: 'string' },
    timeout: { type: 'string' },
    title: { type: 'string' },
    after: { type: 'string' },
    'continue-from': { type: 'string' },
    autonomy: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
    ...WORKTREE_OPTIONS,
  },
  async run(ctx, { values, positionals }) {
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout');
    const worktree = worktreeChoice(values);
    const engine = await ctx.openEngine();
    try {
      const task = await engine.delegate({
        prompt: positionals[0]!,
        agent: values.agent as string | undefined,
        priority: values.priority as string | undefined,
        cwd: values.cwd as string | undefined,
        title: values.title as string | undefined,
        timeoutSeconds,
        after: idList(values.after),
        continueFrom: values['continue-from'] as string | undefined,
        autonomy: values.autonomy as string | undefined,
        model: values.model as string | undefined,
        worktree,
      });
      printSubmitted(task, values.json === true);
      await noteUncommitted(engine, task);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
