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
  /**
   * An action the agent's permission mode or sandbox refused: `detail` is the action (the
   * command, the path), `reason` the CLI's words when it gave them.
   */
  | { kind: 'denial'; tool: string; detail: string; reason?: string; id?: string }
  /** The CLI is retrying a failed API call. */
  | { kind: 'retry'; attempt?: number; max?: number; status?: string; message: string; delayMs?: number }
  /**
   * The agent hit a usage or rate limit it will not retry: `resetAt` in epoch ms when it gave an
   * epoch, else `reset` as it worded the time (`11:22 PM`, `in 2.5s`; core/resetTime.ts reads it).
   */
  | { kind: 'limit'; message: string; resetAt?: number; reset?: string }
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
  /** Anything else the agent printed, kept as it is; `level` when the CLI flagged it. */
  | { kind: 'text'; text: string; level?: 'warning' | 'error' };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache (Claude cache reads, Codex/Gemini cached). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Claude cache creation, Codex cache writes). */
  cacheWriteInputTokens?: number;
}

/** Where a line came from: the decoders read both streams (docs/agents.md: both matter). */
export type OutputStream = 'stdout' | 'stderr';

/** One run's output, line by line, into events. Holds per-run state (tool ids, deltas). */
export interface EventDecoder {
  /** One complete line, without its newline. */
  line(text: string, stream: OutputStream): AgentEvent[];
  /** The output ended: what the decoder still held back (e.g. an unfinished retry notice). */
  end(): AgentEvent[];
}

export type AgentEventKind = AgentEvent['kind'];
