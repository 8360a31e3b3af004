/**
 * The daily budget as the engine applies it: `dispatch.budget.dailyUsd` for the local day that
 * holds `now` (core/usage.ts). The claim checks it in its write (store overBudget); views and the
 * CLI word why queued tasks wait with budgetHold.
 */
import type { DispatchConfig } from '../../core/config';
import { budgetHoldText, type DailyBudget, dailyBudget } from '../../core/usage';
import { overBudget, type StateReader } from '../../store';

export function budgetOf(
  config: Pick<DispatchConfig, 'budget.dailyUsd'>,
  now: number,
): DailyBudget | undefined {
  return dailyBudget(config['budget.dailyUsd'], now);
}

/** "daily budget $5.00 reached ($5.12 today)" while it holds every queued task, else undefined. */
export function budgetHold(
  state: StateReader,
  config: Pick<DispatchConfig, 'budget.dailyUsd'>,
  now: number,
): string | undefined {
  const over = state.read((r) => overBudget(r.usage, budgetOf(config, now)));
  return over && budgetHoldText(over.dailyUsd, over.spentUsd);
}
