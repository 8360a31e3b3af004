/**
 * The wording of transcript lines that sum something up: an abridged tool result, a retry, and
 * the footer (`done · 12,345 in · 678 out · $0.0123 · 4 turns · 23.4 s`).
 */
import type { AgentEvent } from '../events';

/** A tool result keeps its first and last lines; long results are mostly noise to a reader. */
const HEAD_LINES = 3;
const TAIL_LINES = 2;
/** Past this a single line (minified JSON, a base64 blob) is cut. */
const MAX_LINE = 240;

export function abridge(text: string): string[] {
  const all = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  if (all.length === 1 && all[0].trim() === '') return [];
  const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);
  if (all.length <= HEAD_LINES + TAIL_LINES + 1) return all.map(clip);
  const hidden = all.length - HEAD_LINES - TAIL_LINES;
  return [...all.slice(0, HEAD_LINES), `… ${hidden} more lines`, ...all.slice(-TAIL_LINES)].map(clip);
}

export function retryLine(event: Extract<AgentEvent, { kind: 'retry' }>): string {
  const count =
    event.attempt === undefined
      ? ''
      : event.max === undefined
        ? ` (${event.attempt})`
        : ` (${event.attempt}/${event.max})`;
  const words = [event.status, event.message].filter((part) => part && part.trim() !== '');
  // "status 503" already says the status.
  if (event.status && event.message.includes(event.status)) words.shift();
  return `retrying${count}: ${words.join(' ')}`;
}

export function footer(result: Extract<AgentEvent, { kind: 'result' }>): string {
  const parts = [result.isError ? 'failed' : 'done'];
  const { usage } = result;
  if (usage) {
    parts.push(`${count(usage.inputTokens)} in`, `${count(usage.outputTokens)} out`);
    if (usage.cachedInputTokens) parts.push(`${count(usage.cachedInputTokens)} cached`);
  }
  if (result.costUsd !== undefined) parts.push(`$${result.costUsd.toFixed(4)}`);
  if (result.turns !== undefined) parts.push(`${result.turns} ${result.turns === 1 ? 'turn' : 'turns'}`);
  if (result.durationMs !== undefined) parts.push(seconds(result.durationMs));
  if (result.model) parts.push(result.model);
  return parts.join(' · ');
}

const count = (n: number) => n.toLocaleString('en-US');

/** "23.4 s" under a minute, where the tenth still says something; "2m 05s", "1h 02m" after. */
function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${pad(s % 60)}s` : `${Math.floor(m / 60)}h ${pad(m % 60)}m`;
}

const pad = (n: number) => String(n).padStart(2, '0');
