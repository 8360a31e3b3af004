import { positiveInteger, positiveNumber } from '../../args';
import { scheduleJson } from '../../scheduleFormat';
import { type CliCommand, print, printJson } from '../command';

/** Set to 1 to accept 6-field (seconds) cron expressions: for tests and development only. */
export const CRON_SECONDS_ENV = 'DISPATCH_CRON_SECONDS';

export const create: CliCommand = {
  usage:
    'dispatch schedule create <prompt> (--cron EXPR [--tz ZONE] | --at ISO) [--missed skip|catchup|fail] ' +
    '[--max-runs N] [--expires ISO] [--agent NAME] [--priority P0|P1|P2] [--cwd DIR] [--timeout SECONDS] ' +
    '[--title TEXT] [--autonomy read-only|edit|full] [--model NAME] [--json]',
  summary: 'create a schedule that queues the task at each cron time or once, and print its id',
  positionals: ['prompt'],
  options: {
    cron: { type: 'string' },
    tz: { type: 'string' },
    at: { type: 'string' },
    missed: { type: 'string' },
    'max-runs': { type: 'string' },
    expires: { type: 'string' },
    agent: { type: 'string' },
    priority: { type: 'string' },
    cwd: { type: 'string' },
    timeout: { type: 'string' },
    title: { type: 'string' },
    autonomy: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const str = (name: string) => values[name] as string | undefined;
    const maxRuns = positiveInteger(values['max-runs'], '--max-runs');
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout');
    const engine = await ctx.openEngine();
    try {
      const schedule = await engine.schedules.create({
        prompt: positionals[0]!,
        cron: str('cron'),
        timezone: str('tz'),
        at: str('at'),
        missed: str('missed'),
        maxRuns,
        expiresAt: str('expires'),
        agent: str('agent'),
        priority: str('priority'),
        cwd: str('cwd'),
        title: str('title'),
        autonomy: str('autonomy'),
        model: str('model'),
        timeoutSeconds,
        allowSeconds: process.env[CRON_SECONDS_ENV] === '1',
      });
      if (values.json) printJson(scheduleJson(schedule));
      else print(schedule.id);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
