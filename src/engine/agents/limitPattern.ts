/**
 * A `dispatch.agents.<name>.limitPattern`: a regular expression that marks a line of the agent's
 * output (either stream) as its usage limit, for agents whose CLI the decoders do not know. Its
 * named group `reset` is the reset time as the agent words it (an epoch in seconds, an ISO time,
 * a clock time like `3pm` or `15:00`; core/resetTime.ts). The supervisor runs it on every line,
 * so it is compiled once, and ANSI colours are stripped before matching.
 */
import type { AgentEvent } from './events';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export type LimitMatcher = (line: string) => Extract<AgentEvent, { kind: 'limit' }> | undefined;

/** The matcher for a pattern the settings schema already checked; undefined for none. */
export function limitMatcher(pattern: string | undefined): LimitMatcher | undefined {
  if (!pattern) return undefined;
  const regex = new RegExp(pattern);
  return (line) => {
    const text = line.replace(ANSI, '');
    const match = regex.exec(text);
    if (!match) return undefined;
    const reset = match.groups?.reset?.trim();
    return { kind: 'limit', message: text.trim(), ...(reset ? { reset } : {}) };
  };
}
