/** `dispatch agents` on a terminal and in `--json` (a stable contract for scripts). */
import { localClock } from '../core/usageLimit';
import type { AgentStatus } from '../engine/limits/agentsService';

export function agentJson(agent: AgentStatus): Record<string, unknown> {
  return {
    name: agent.name,
    kind: agent.kind,
    available: agent.available,
    why: agent.why,
    pausedUntil: agent.pausedUntil === null ? null : new Date(agent.pausedUntil).toISOString(),
    pauseReason: agent.pauseReason,
    running: agent.running,
    queued: agent.queued,
    paused: agent.paused,
    maxWorkers: agent.maxWorkers,
  };
}

const COLUMNS = ['AGENT', 'RUNS HERE', 'RUNNING', 'QUEUED', 'PAUSED', 'CAP', 'PAUSED UNTIL'];

/**
 * A table, one agent a row; under an agent that cannot run here, why not, and under a paused one,
 * the limit in the agent's words.
 */
export function agentsTable(agents: readonly AgentStatus[], now: number): string {
  const rows = agents.map((a) => [
    a.name,
    a.available ? 'yes' : 'no',
    String(a.running),
    String(a.queued),
    String(a.paused),
    a.maxWorkers === null ? '-' : String(a.maxWorkers),
    a.pausedUntil === null ? '-' : localClock(a.pausedUntil, now),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const lines = [line(COLUMNS)];
  agents.forEach((agent, i) => {
    lines.push(line(rows[i]!));
    if (!agent.available && agent.why) lines.push(`  ${agent.why}`);
    if (agent.pauseReason) lines.push(`  ${agent.pauseReason}`);
  });
  return lines.join('\n');
}
