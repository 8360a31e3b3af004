/**
 * `dispatch usage [--since today|12h|7d|30d] [--json]`: tasks, tokens and cost per agent and in
 * total for the runs that ended in the window (default today, the local day the daily budget
 * counts), as the agents reported them, with the daily budget when one is set.
 */
import { parseSince, startOfLocalDay } from '../../core/usage';
import { type UsageReport, usageJson, usageLines } from '../usageFormat';
import { type CliCommand, print, printJson } from './command';

export const usage: CliCommand = {
  usage: 'dispatch usage [--since today|12h|1d|7d|30d] [--json]',
  summary:
    'tasks, tokens and cost per agent for the runs that ended today (or --since), with the daily budget',
  positionals: [],
  options: { since: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const now = Date.now();
    // Checked before the state is opened: a typo costs nothing and says what to type.
    const window = parseSince(values.since as string | undefined, now);
    const engine = await ctx.openEngine();
    try {
      const report: UsageReport = { window, ...engine.usage(window) };
      const dailyUsd = ctx.config['budget.dailyUsd'];
      if (dailyUsd > 0) {
        const today = engine.usage({ sinceMs: startOfLocalDay(now) }).total.costUsd ?? 0;
        report.budget = { dailyUsd, todayUsd: today };
      }
      if (values.json) printJson(usageJson(report));
      else for (const line of usageLines(report)) print(line);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};
