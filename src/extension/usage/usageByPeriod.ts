/**
 * Dispatch: Show Usage, as rows: tasks, tokens and cost per agent for today, the last 7 days and
 * the last 30 days, then the daily budget. Read through the engine's usage sums that
 * `dispatch usage` prints, with the CLI's windows (core/usage.ts parseSince), so both agree.
 * Pure (no `vscode`): usagePick.ts shows the rows, the unit test reads them on a real engine.
 */
import { type AgentUsage, parseSince, type UsageWindow, usdText } from '../../core/usage';
import { type UsageSource, usageLine } from './todayUsage';

/** The `--since` forms shown, in order: the day the budget counts, then two rolling windows. */
const PERIODS = ['today', '7d', '30d'] as const;

export interface UsagePeriod {
  window: UsageWindow;
  agents: AgentUsage[];
  total: AgentUsage;
}

export interface UsageBudget {
  /** dispatch.budget.dailyUsd; 0 = none. */
  dailyUsd: number;
  /** "daily budget $5.00 reached ($5.12 today)" while it holds the queue. */
  hold?: string;
}

export type UsageRow =
  | { kind: 'heading'; label: string }
  | { kind: 'agent' | 'total' | 'none'; label: string; description?: string }
  /** Accepting it opens the setting. */
  | { kind: 'budget'; label: string; description: string; warning: boolean };

export function readUsagePeriods(engine: UsageSource, now: number): UsagePeriod[] {
  return PERIODS.map((since) => {
    const window = parseSince(since, now);
    return { window, ...engine.usage({ sinceMs: window.sinceMs }) };
  });
}

export function usageRows(periods: readonly UsagePeriod[], budget: UsageBudget): UsageRow[] {
  const rows: UsageRow[] = [];
  for (const { window, agents, total } of periods) {
    rows.push({ kind: 'heading', label: headingOf(window) });
    if (total.tasks === 0) {
      rows.push({ kind: 'none', label: window.label === 'today' ? 'No task ended today' : 'No task ended' });
      continue;
    }
    for (const agent of agents)
      rows.push({ kind: 'agent', label: agent.agent, description: usageLine(agent) });
    // One agent's line is already the total.
    if (agents.length > 1) rows.push({ kind: 'total', label: 'total', description: usageLine(total) });
  }
  rows.push({ kind: 'heading', label: 'Daily budget' }, budgetRow(periods, budget));
  return rows;
}

function budgetRow(periods: readonly UsagePeriod[], budget: UsageBudget): UsageRow {
  if (budget.dailyUsd <= 0) {
    return {
      kind: 'budget',
      label: 'No daily budget',
      description: 'set dispatch.budget.dailyUsd',
      warning: false,
    };
  }
  if (budget.hold) {
    return {
      kind: 'budget',
      label: capitalize(budget.hold),
      description: 'queued tasks wait until midnight or a higher budget',
      warning: true,
    };
  }
  const today = periods.find((p) => p.window.label === 'today');
  return {
    kind: 'budget',
    label: `${usdText(budget.dailyUsd)} a day`,
    description: `${usdText(today?.total.costUsd ?? 0)} reported today`,
    warning: false,
  };
}

/** "Today", "Last 7 days" (the CLI says "usage the last 7 days"). */
function headingOf(window: UsageWindow): string {
  return capitalize(window.label.replace(/^the /, ''));
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
