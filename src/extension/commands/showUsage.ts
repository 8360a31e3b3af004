import { readUsagePeriods, type UsageRow, usageRows } from '../usage/usageByPeriod';
import { showUsagePick } from '../usage/usagePick';
import type { CommandDeps } from './deps';

/**
 * Dispatch: Show Usage (palette, the Workers and Tasks views' overflow, the status bar tooltip's
 * link) — tasks, tokens and cost per agent today, the last 7 and 30 days, and the daily budget.
 * Returns the rows it shows; it starts nothing, so an untrusted workspace may read it too.
 */
export function showUsage(deps: CommandDeps) {
  return async (): Promise<UsageRow[]> => {
    const engine = await deps.host.require();
    const dailyUsd = deps.settings.current['budget.dailyUsd'];
    const hold = dailyUsd > 0 ? engine.budgetHold() : undefined;
    const rows = usageRows(readUsagePeriods(engine, Date.now()), { dailyUsd, ...(hold ? { hold } : {}) });
    void showUsagePick(rows);
    return rows;
  };
}
