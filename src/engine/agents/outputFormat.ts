/**
 * Which output format a task's log is in, from its agent's name alone: a built-in's own format,
 * kept when `dispatch.agents` overrides its command (launch.ts), and plain text for every other
 * agent. Readers of a finished task's log (transcripts, contexts) need no settings for this.
 */
import { BUILTIN_AGENTS } from './builtins';
import type { OutputFormat } from './types';

export function outputFormatOf(agentName: string): OutputFormat {
  return BUILTIN_AGENTS[agentName]?.outputFormat ?? 'text';
}
