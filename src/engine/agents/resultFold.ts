/**
 * The task's result, folded from the agent's events (events/): its verdict, final message,
 * session, model, usage, cost, turns, duration, refusals and limit. The decoders are the only
 * place that knows each CLI's format; this fold knows only events. When the output ended without
 * a final event, the agent's last words decide: a limit it hit, else — if it exited non-zero —
 * its last error (or last line), so "Not logged in · Please run /login" stays the reason.
 */
import type { AgentResult } from '../../store/taskFiles';
import type { AgentEvent, OutputStream } from './events';

/** Bounds on what goes into the exit record: it is read whole by every view that shows it. */
const MAX_SUMMARY = 16_384;
const MAX_DENIALS = 100;

export interface ResultFold {
  add(events: readonly AgentEvent[], stream: OutputStream): void;
  /** The result once the agent exited; undefined when its output said nothing that decides. */
  result(exitCode: number | null): AgentResult | undefined;
}

export function createResultFold(): ResultFold {
  let final: Extract<AgentEvent, { kind: 'result' }> | undefined;
  let sessionId: string | undefined;
  let sessionModel: string | undefined;
  let limit: AgentResult['limit'];
  let lastError: string | undefined;
  let lastStdoutText: string | undefined;
  const denials: { tool: string; detail: string }[] = [];
  return {
    add(events, stream) {
      for (const event of events) {
        switch (event.kind) {
          case 'session':
            sessionId = event.sessionId;
            sessionModel = event.model ?? sessionModel;
            break;
          case 'result':
            final = event;
            break;
          case 'denial':
            if (denials.length < MAX_DENIALS) denials.push({ tool: event.tool, detail: event.detail });
            break;
          case 'limit':
            limit = {
              message: event.message,
              ...(event.resetAt !== undefined ? { resetAt: event.resetAt } : {}),
              ...(event.reset !== undefined ? { reset: event.reset } : {}),
            };
            break;
          case 'text':
            if (event.level === 'error') lastError = event.text.trim();
            else if (stream === 'stdout' && event.text.trim()) lastStdoutText = event.text.trim();
            break;
        }
      }
    },
    result(exitCode) {
      const verdict = final
        ? {
            isError: final.isError,
            message: final.isError ? (final.summary ?? limit?.message ?? null) : null,
          }
        : limit
          ? { isError: true, message: limit.message }
          : exitCode !== 0 && (lastError ?? lastStdoutText)
            ? { isError: true, message: (lastError ?? lastStdoutText)! }
            : undefined;
      if (!verdict && !sessionId && denials.length === 0) return undefined;
      const model = final?.model ?? sessionModel;
      return {
        // Said nothing that decides (it was cancelled, say): the exit code does, as for plain text.
        ...(verdict ?? { isError: false, message: null, unfinished: true }),
        ...(final?.summary !== undefined && !final.isError ? { summary: cut(final.summary) } : {}),
        ...(sessionId ? { sessionId } : {}),
        ...(model ? { model } : {}),
        ...(final?.usage ? { usage: usageOf(final.usage) } : {}),
        ...(final?.costUsd !== undefined ? { costUsd: final.costUsd } : {}),
        ...(final?.turns !== undefined ? { turns: final.turns } : {}),
        ...(final?.durationMs !== undefined ? { durationMs: final.durationMs } : {}),
        ...(denials.length ? { denials } : {}),
        ...(limit ? { limit } : {}),
      };
    },
  };
}

function usageOf(
  usage: NonNullable<Extract<AgentEvent, { kind: 'result' }>['usage']>,
): NonNullable<AgentResult['usage']> {
  const int = (n: number) => Math.max(0, Math.round(n));
  return {
    inputTokens: int(usage.inputTokens),
    outputTokens: int(usage.outputTokens),
    ...(usage.cachedInputTokens !== undefined ? { cachedInputTokens: int(usage.cachedInputTokens) } : {}),
  };
}

function cut(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}
