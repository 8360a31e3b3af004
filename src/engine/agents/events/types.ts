/**
 * What an agent's output means, independent of which CLI printed it. Each structured CLI has a
 * decoder (one line in, events out; docs/agents.md has the formats), and everything that reads
 * agent output builds on these events rather than on raw JSON: the supervisor folds them into the
 * task's result (summary, session, usage, cost, refusals), the transcript renders them for
 * `dispatch logs` and the output panel, and a continuation's context is built from them.
 */

export type AgentEvent =
  /** The agent's session (Claude/Gemini session_id, Codex thread_id) and, when it says, its model. */
  | { kind: 'session'; sessionId: string; model?: string }
  /** Words from the agent (or the user turn it echoes). Streamed pieces have `delta: true`. */
  | { kind: 'message'; role: 'assistant' | 'user'; text: string; delta?: boolean }
  /** A tool call, summed up in one line: `$ npm test`, `edit src/a.ts`, `read README.md`. */
  | { kind: 'tool'; tool: string; summary: string; id?: string }
  /** What a tool call returned; `ok: false` when the tool failed or was refused. */
  | { kind: 'toolResult'; ok: boolean; text: string; id?: string }
  /** An action the agent's permission mode or sandbox refused. */
  | { kind: 'denial'; tool: string; detail: string }
  /** The CLI is retrying a failed API call. */
  | { kind: 'retry'; attempt?: number; max?: number; status?: string; message: string }
  /** The agent hit a usage or rate limit it will not retry; `resetAt` in epoch ms when it said. */
  | { kind: 'limit'; message: string; resetAt?: number }
  /** The final verdict and accounting, from the CLI's last event. */
  | {
      kind: 'result';
      isError: boolean;
      /** The agent's final message (or its error). */
      summary?: string;
      usage?: Usage;
      costUsd?: number;
      turns?: number;
      durationMs?: number;
      model?: string;
    }
  /** A line the CLI prints that says nothing about the task (start-up warnings, banners). */
  | { kind: 'noise'; text: string }
  /** Anything else the agent printed, kept as it is. */
  | { kind: 'text'; text: string };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

export type AgentEventKind = AgentEvent['kind'];
