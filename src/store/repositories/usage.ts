/**
 * Tokens and cost as the agents reported them (the result columns of migration 8), summed in SQL
 * over the runs that ended in a window: per agent for `dispatch usage` and the status bar, and
 * today's cost for the daily budget, which the claim checks inside its own write (claim.ts).
 * A run counts once it has ended; one cancelled while queued never ran and is left out.
 */
import type { AgentUsage } from '../../core/usage';
import { all, count, type Row } from '../database/sql';
import type { Session } from './session';

const SUMS = `count(*) AS tasks,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
  SUM(cost_usd) AS cost_usd,
  count(cost_usd) AS costed_tasks`;
const RAN_SINCE = 'ended_at >= ? AND started_at IS NOT NULL';

export class UsageRepository {
  constructor(private readonly session: Session) {}

  /** Each agent with a run that ended at or after `sinceMs`: the most costly first, then the busiest. */
  byAgent(sinceMs: number): AgentUsage[] {
    const rows = all(
      this.session.db,
      `SELECT agent, ${SUMS} FROM tasks WHERE ${RAN_SINCE}
       GROUP BY agent ORDER BY COALESCE(SUM(cost_usd), 0) DESC, count(*) DESC, agent`,
      [sinceMs],
    );
    return rows.map(toUsage);
  }

  /** Every agent's runs together, as the `total` row. */
  total(sinceMs: number): AgentUsage {
    const row = all(this.session.db, `SELECT 'total' AS agent, ${SUMS} FROM tasks WHERE ${RAN_SINCE}`, [
      sinceMs,
    ])[0];
    return toUsage(row ?? { agent: 'total', tasks: 0 });
  }

  /** The cost reported by runs that ended at or after `sinceMs`, in USD (0 when none reported one). */
  costSince(sinceMs: number): number {
    return count(this.session.db, 'SELECT COALESCE(SUM(cost_usd), 0) FROM tasks WHERE ended_at >= ?', [
      sinceMs,
    ]);
  }
}

function toUsage(row: Row): AgentUsage {
  const n = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    agent: String(row.agent),
    tasks: n(row.tasks),
    inputTokens: n(row.input_tokens),
    outputTokens: n(row.output_tokens),
    cachedInputTokens: n(row.cached_input_tokens),
    costUsd: typeof row.cost_usd === 'number' ? row.cost_usd : null,
    costedTasks: n(row.costed_tasks),
  };
}
