/**
 * Agents: the built-in command-line templates (claude, codex, gemini, shell), the user's own from
 * `dispatch.agents`, and what the engine needs from them. To add a built-in: an entry in
 * builtins.ts, and a decoder in events/ if it reports its verdict in structured output.
 */
export { checkAvailability } from './availability';
export { BUILTIN_AGENTS } from './builtins';
export { agentTemplate, canResume } from './definition';
export { type AgentEvent, createDecoder, type EventDecoder } from './events';
export { type AgentsConfig, buildLaunch, knownAgentNames, type LaunchOptions } from './launch';
export { outputFormatOf } from './outputFormat';
export { type Resolution, resolveExecutable } from './resolveExecutable';
export { PLACEHOLDERS } from './template';
export type { AgentLaunch, Availability, LaunchInput, OutputFormat } from './types';
