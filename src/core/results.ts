/**
 * What an agent reported about its run, in the CLI-independent shape the supervisor folds its
 * events into (engine/agents/resultFold.ts), and the words every view uses for it: the
 * refusals, the usage and cost, and a retry in progress. Pure: the CLI and the editor both
 * render from these.
 */

export interface Denial {
  tool: string;
  /** The refused action: the command, the path. */
  detail: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

/** The agent's own account of a finished run (from its final event, where it has one). */
export interface TaskResult {
  summary: string | null;
  sessionId: string | null;
  model: string | null;
  usage: TokenUsage | null;
  costUsd: number | null;
  turns: number | null;
  durationMs: number | null;
  denials: Denial[];
}

/** The latest retry a running agent reported. */
export interface RetryState {
  attempt?: number;
  max?: number;
  status?: string;
  message: string;
  /** When it was reported (epoch ms). */
  at: number;
}

/** "retrying (3/10): 401 authentication_failed" */
export function retryText(retry: RetryState): string {
  const count =
    retry.attempt === undefined ? '' : ` (${retry.attempt}${retry.max === undefined ? '' : `/${retry.max}`})`;
  const why = [retry.status, retry.message].filter(Boolean).join(' ');
  return `retrying${count}: ${why}`;
}

/** "2 actions refused: Bash `touch x.txt`, Write `y.txt`" — the first few, then how many more. */
export function denialsText(denials: readonly Denial[], shown = 3): string {
  const n = denials.length;
  const head = `${n} action${n === 1 ? '' : 's'} refused`;
  const listed = denials.slice(0, shown).map((d) => (d.detail ? `${d.tool} \`${d.detail}\`` : d.tool));
  const more = n > shown ? `, … ${n - shown} more` : '';
  return `${head}: ${listed.join(', ')}${more}`;
}

/** "12,340 tokens in (8,000 cached), 512 out · $0.0123" */
export function usageText(usage: TokenUsage | null, costUsd: number | null): string | null {
  const parts: string[] = [];
  if (usage) {
    const cached = usage.cachedInputTokens ? ` (${thousands(usage.cachedInputTokens)} cached)` : '';
    parts.push(`${thousands(usage.inputTokens)} tokens in${cached}, ${thousands(usage.outputTokens)} out`);
  }
  if (costUsd !== null) parts.push(`$${costUsd < 0.01 ? costUsd.toFixed(4) : costUsd.toFixed(2)}`);
  return parts.length ? parts.join(' · ') : null;
}

/** The first `lines` non-empty lines of a summary, each cut to `width` characters. */
export function summaryHead(summary: string, lines = 3, width = 120): string[] {
  const kept = summary
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const head = kept.slice(0, lines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (kept.length > lines) head.push('…');
  return head;
}

const thousands = (n: number) => n.toLocaleString('en-US');
