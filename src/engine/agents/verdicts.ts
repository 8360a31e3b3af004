/**
 * Reading an agent's own verdict from its stdout. Exit codes are unreliable (docs/agents.md:
 * Claude exits 0 with `is_error: true` when not logged in; Gemini returns HTTP status mod 256),
 * so when an agent speaks a structured format its final event decides success. The supervisor
 * feeds complete stdout lines and stores the result in the exit record as `agentResult`.
 */
import type { AgentResult } from '../../store';
import type { OutputFormat } from './types';

export interface VerdictParser {
  /** One complete stdout line, without its newline. */
  line(text: string): void;
  /** The agent's verdict after it exited; undefined when its output held none. */
  result(): AgentResult | undefined;
}

/** Undefined for plain-text agents: their exit code is all there is. */
export function createVerdictParser(format: OutputFormat): VerdictParser | undefined {
  switch (format) {
    case 'claude-stream-json':
      return claudeParser();
    case 'codex-json':
      return codexParser();
    case 'gemini-stream-json':
      return geminiParser();
    case 'text':
      return undefined;
  }
}

type Event = Record<string, unknown>;

/** A line that is a JSON object, else undefined (banners, warnings and plain errors are not). */
function parseEvent(text: string): Event | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const errorMessage = (value: unknown) => str(value) ?? str((value as Event | undefined)?.message);

/** Sign-in refusals that Claude prints as plain text (e.g. "Not logged in · Please run /login"). */
const CLAUDE_AUTH = /not logged in|please run \/login|invalid api key|authentication[_ ]error/i;

function claudeParser(): VerdictParser {
  let final: AgentResult | undefined;
  let authMessage: string | undefined;
  let sessionId: string | undefined;
  return {
    line(text) {
      const event = parseEvent(text);
      if (!event) {
        if (CLAUDE_AUTH.test(text)) authMessage = text.trim();
        return;
      }
      sessionId = str(event.session_id) ?? sessionId;
      if (event.type !== 'result') return;
      const isError = event.is_error === true;
      final = {
        isError,
        // `subtype` can say "success" on an error (not logged in): judge by is_error only.
        message: isError ? (str(event.result) ?? str(event.subtype) ?? 'Claude reported an error') : null,
        ...(sessionId ? { sessionId } : {}),
        ...(typeof event.total_cost_usd === 'number' ? { costUsd: event.total_cost_usd } : {}),
      };
    },
    result: () =>
      final ??
      (authMessage
        ? { isError: true, message: authMessage, ...(sessionId ? { sessionId } : {}) }
        : undefined),
  };
}

function codexParser(): VerdictParser {
  let final: AgentResult | undefined;
  let lastError: string | undefined;
  let sessionId: string | undefined;
  return {
    line(text) {
      const event = parseEvent(text);
      if (!event) return;
      if (event.type === 'thread.started') sessionId = str(event.thread_id) ?? sessionId;
      else if (event.type === 'error') lastError = errorMessage(event.message) ?? lastError;
      else if (event.type === 'turn.completed') final = { isError: false, message: null };
      else if (event.type === 'turn.failed') {
        final = {
          isError: true,
          message: errorMessage(event.error) ?? lastError ?? 'Codex reported a failed turn',
        };
      }
    },
    result() {
      // Ended without a turn verdict but after errors (retries given up): those are the reason.
      const verdict = final ?? (lastError ? { isError: true, message: lastError } : undefined);
      return verdict && { ...verdict, ...(sessionId ? { sessionId } : {}) };
    },
  };
}

function geminiParser(): VerdictParser {
  let final: AgentResult | undefined;
  let sessionId: string | undefined;
  return {
    line(text) {
      const event = parseEvent(text);
      if (!event) return;
      if (event.type === 'init') sessionId = str(event.session_id) ?? sessionId;
      if (event.type !== 'result') return;
      const isError = event.status !== 'success';
      final = {
        isError,
        message: isError
          ? (errorMessage(event.error) ?? `Gemini reported status "${String(event.status)}"`)
          : null,
      };
    },
    result: () => final && { ...final, ...(sessionId ? { sessionId } : {}) },
  };
}
