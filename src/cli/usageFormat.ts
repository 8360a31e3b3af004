/**
 * How `dispatch usage` looks: a table of agents with a total row, or its JSON (a stable contract
 * for scripts). A cost shows only where an agent reported one; "-" says none did.
 */
import { type AgentUsage, budgetHoldText, type UsageWindow, usdText } from '../core/usage';

export interface UsageReport {
  window: UsageWindow;
  agents: readonly AgentUsage[];
  total: AgentUsage;
  /** dispatch.budget.dailyUsd and today's reported cost, when a budget is set. */
  budget?: { dailyUsd: number; todayUsd: number };
}

export function usageJson(report: UsageReport): Record<string, unknown> {
  const { window, agents, total, budget } = report;
  return {
    window: window.label,
    since: new Date(window.sinceMs).toISOString(),
    agents,
    total,
    budget: budget ? { ...budget, reached: budget.todayUsd >= budget.dailyUsd } : null,
  };
}

const COLUMNS = ['agent', 'tasks', 'tokens in', 'tokens out', 'cost'] as const;

export function usageLines(report: UsageReport): string[] {
  const { window, agents, total, budget } = report;
  const lines = [`usage ${window.label} (since ${localTime(window.sinceMs)})`];
  if (total.tasks === 0) lines.push(`no task ended ${window.label === 'today' ? 'today' : 'in that time'}`);
  else {
    const rows = [...agents, total].map((u) => [
      u.agent,
      thousands(u.tasks),
      thousands(u.inputTokens),
      thousands(u.outputTokens),
      u.costUsd === null ? '-' : usdText(u.costUsd),
    ]);
    const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
    // Names left, numbers right, as a person compares them down a column.
    const line = (cells: readonly string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    lines.push(line(COLUMNS), ...rows.map(line));
  }
  if (budget) {
    lines.push(
      budget.todayUsd >= budget.dailyUsd
        ? `${budgetHoldText(budget.dailyUsd, budget.todayUsd)}: queued tasks wait until midnight or a higher budget`
        : `daily budget ${usdText(budget.dailyUsd)}: ${usdText(budget.todayUsd)} reported today`,
    );
  }
  return lines;
}

/** "2026-11-30 00:00" in local time: the window as the person who asked reads a clock. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const thousands = (n: number) => n.toLocaleString('en-US');
