import { loopJson } from '../../loopFormat';
import { loopInput } from '../../loopOptions';
import { noteUncommitted, WORKTREE_OPTIONS, WORKTREE_USAGE, worktreeChoice } from '../../worktreeOptions';
import { type CliCommand, print, printJson } from '../command';

export const start: CliCommand = {
  usage:
    'dispatch loop <prompt> (--until CMD | --eval CMD --direction maximize|minimize [--target X]) ' +
    '[--max-iterations N] [--agent NAME] [--autonomy read-only|edit|full] [--model NAME] ' +
    `[--priority P0|P1|P2] [--cwd DIR] [--timeout SECONDS] [--title TEXT] ${WORKTREE_USAGE} [--json]`,
  summary:
    'run the agent again and again, each iteration continuing its session with the check result, ' +
    'until CMD exits 0 or to improve the last number CMD prints (default 5 iterations); print the loop id',
  positionals: ['prompt'],
  options: {
    until: { type: 'string' },
    eval: { type: 'string' },
    direction: { type: 'string' },
    target: { type: 'string' },
    'max-iterations': { type: 'string' },
    agent: { type: 'string' },
    autonomy: { type: 'string' },
    model: { type: 'string' },
    priority: { type: 'string' },
    cwd: { type: 'string' },
    timeout: { type: 'string' },
    title: { type: 'string' },
    json: { type: 'boolean' },
    ...WORKTREE_OPTIONS,
  },
  async run(ctx, { values, positionals }) {
    const str = (name: string) => values[name] as string | undefined;
    const input = loopInput(
      {
        prompt: positionals[0]!,
        until: str('until'),
        eval: str('eval'),
        direction: str('direction'),
        target: str('target'),
        maxIterations: str('max-iterations'),
        agent: str('agent'),
        autonomy: str('autonomy'),
        model: str('model'),
        priority: str('priority'),
        cwd: str('cwd'),
        title: str('title'),
        timeout: str('timeout'),
        worktree: worktreeChoice(values),
      },
      { maxIterations: '--max-iterations', timeout: '--timeout' },
    );
    const engine = await ctx.openEngine();
    try {
      const entry = await engine.loops.start(input);
      if (values.json) printJson(loopJson(entry));
      else print(entry.loop.id);
      const first = entry.iterations[0];
      if (first) await noteUncommitted(engine, engine.resolve(first.taskId));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
