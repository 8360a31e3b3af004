/**
 * Today's usage as the status bar's tooltip shows it: tasks, tokens and cost per agent since local
 * midnight, and the daily budget. Pure (no `vscode`): registerUsage.ts refreshes it, debounced,
 * after store changes; unit-testable on a real engine.
 */
import { type AgentUsage, startOfLocalDay, usdText } from '../../core/usage';
import { Listeners } from '../model/listeners';

/** The part of an Engine this reads. */
export interface UsageSource {
  usage(window: { sinceMs: number }): { agents: AgentUsage[]; total: AgentUsage };
  budgetHold(): string | undefined;
}

export interface TodaySnapshot {
  agents: AgentUsage[];
  total: AgentUsage;
  /** dispatch.budget.dailyUsd when set (> 0). */
  dailyUsd?: number;
  /** "daily budget $5.00 reached ($5.12 today)" while it holds every queued task. */
  hold?: string;
}

export class TodayUsage {
  private snapshot: TodaySnapshot | undefined;
  private readonly changed = new Listeners<void>();
  readonly onDidChange = this.changed.event;

  get current(): TodaySnapshot | undefined {
    return this.snapshot;
  }

  /** Re-reads from `engine` (none: nothing to show); fires only when what is shown changed. */
  refresh(engine: UsageSource | undefined, dailyUsd: number, now: number): void {
    let next: TodaySnapshot | undefined;
    if (engine) {
      const { agents, total } = engine.usage({ sinceMs: startOfLocalDay(now) });
      const hold = dailyUsd > 0 ? engine.budgetHold() : undefined;
      next = { agents, total, ...(dailyUsd > 0 ? { dailyUsd } : {}), ...(hold ? { hold } : {}) };
    }
    if (JSON.stringify(next) === JSON.stringify(this.snapshot)) return;
    this.snapshot = next;
    this.changed.fire();
  }
}

/**
 * The tooltip's "Usage today" section, as Markdown: one line per agent, the total, the budget.
 * Agent names come from settings, so they are escaped.
 */
export function usageMarkdown(today: TodaySnapshot): string {
  const lines = ['**Usage today**', ''];
  if (today.total.tasks === 0) lines.push('No task ended today.');
  else {
    for (const agent of today.agents) lines.push(`- ${escapeMarkdown(agent.agent)}: ${usageLine(agent)}`);
    if (today.agents.length > 1) lines.push(`- **total**: ${usageLine(today.total)}`);
  }
  if (today.hold)
    lines.push('', `**${capitalize(today.hold)}**: queued tasks wait until midnight or a higher budget.`);
  else if (today.dailyUsd !== undefined) {
    lines.push(
      '',
      `Daily budget: ${usdText(today.total.costUsd ?? 0)} of ${usdText(today.dailyUsd)} reported.`,
    );
  }
  return lines.join('\n');
}

/** "2 tasks · 360 tokens in, 51 out · $0.0025" (Show Usage words its rows alike). */
export function usageLine(u: AgentUsage): string {
  const parts = [`${u.tasks} task${u.tasks === 1 ? '' : 's'}`];
  if (u.inputTokens || u.outputTokens)
    parts.push(`${thousands(u.inputTokens)} tokens in, ${thousands(u.outputTokens)} out`);
  if (u.costUsd !== null) parts.push(usdText(u.costUsd));
  return parts.join(' · ');
}

const thousands = (n: number) => n.toLocaleString('en-US');
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
