/**
 * Gemini CLI's `-o stream-json` (docs/agents.md, "Gemini CLI"). State per run: tool names by
 * tool_id (a refusal comes as the result of a call), the assistant's words since the last tool
 * call (the `result` event has no text, so they are the summary), and a quota retry notice on
 * stderr, which spans several lines before it says whether it retries or gives up.
 */
import { resetPhrase } from '../../../core/resetTime';
import { defined, describeTool, type Json, num, obj, parseObject, str, type ToolNames } from './decode';
import type { AgentEvent, EventDecoder } from './types';

const TOOLS: ToolNames = {
  shell: ['run_shell_command'],
  edit: ['replace'],
  write: ['write_file'],
  read: ['read_file', 'read_many_files'],
  search: ['grep_search', 'search_file_content', 'glob'],
};

/** Error types of a tool the approval mode does not offer, or a path it does not allow. */
const REFUSED_TYPES = new Set(['tool_not_registered', 'refused']);
const ACCESS_DENIED = /^access denied/i;
/** Per-day and per-minute quota answers ("[API Error: You have exhausted your daily quota …]"). */
const QUOTA = /exhausted your daily quota|exceeded your current quota|quota exceeded|resource_exhausted/i;

/** "Attempt 1 failed with status 503. Retrying with backoff... _ApiError: {…}" — one line. */
const STATUS_RETRY = /^Attempt (\d+) failed with status (\d+)\. Retrying/;
/** "Attempt 1 failed: <message>" … "… Retrying after 5479ms..." | "… Max attempts reached". */
const ATTEMPT = /^Attempt (\d+) failed: (.*)$/;
const RETRYING_AFTER = /Retrying after (\d+)ms/;
const GAVE_UP = /Max attempts reached/;
/** A held retry notice longer than this is not one: let its lines through as they are. */
const MAX_HELD = 20;

const NOISE = [
  /^Warning: (Basic terminal detected|256-color support not detected)/,
  /^YOLO mode is enabled\./,
  // The tool_result event says the same; stderr repeats it.
  /^Error executing tool /,
  // Stack frames under errors: the message above them is what a reader needs.
  /^\s+at \S.*:\d+:\d+\)?( \{)?$/,
];

export function geminiDecoder(): EventDecoder {
  const tools = new Map<string, { tool: string; input: Json }>();
  let said = '';
  let held: { attempt: number; message: string; lines: string[] } | undefined;

  function stderr(text: string): AgentEvent[] {
    const statusRetry = STATUS_RETRY.exec(text);
    if (statusRetry) {
      // The API's own words follow as JSON: `_ApiError: {"error":{"code":503,"message":"…"}}`.
      const apiSays = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1]?.replace(/\\(.)/g, '$1');
      const status = statusRetry[2];
      return [
        { kind: 'retry', attempt: Number(statusRetry[1]), status, message: apiSays ?? `status ${status}` },
      ];
    }
    const attempt = ATTEMPT.exec(text);
    if (attempt) {
      const before = release();
      held = { attempt: Number(attempt[1]), message: attempt[2], lines: [] };
      return [...before, ...resolve(text)];
    }
    if (held) return resolve(text);
    return plain(text);
  }

  /** Feeds a line of a held retry notice; emits the retry once the notice says it retries. */
  function resolve(text: string): AgentEvent[] {
    if (!held) return plain(text);
    held.lines.push(text);
    const delay = RETRYING_AFTER.exec(text);
    if (delay) {
      const { attempt, message } = held;
      held = undefined;
      return [{ kind: 'retry', attempt, message: message.replace(/\s+$/, ''), delayMs: Number(delay[1]) }];
    }
    if (GAVE_UP.test(text) || held.lines.length > MAX_HELD) return release();
    return [];
  }

  /** Lets a held notice's lines through as text (it gave up, or was no retry notice after all). */
  function release(): AgentEvent[] {
    const lines = held?.lines ?? [];
    held = undefined;
    return lines.flatMap(plain);
  }

  function toolResult(event: Json): AgentEvent[] {
    const id = str(event.tool_id);
    const ok = event.status === 'success';
    const error = obj(event.error);
    const text = str(event.output) ?? str(error?.message) ?? '';
    const events: AgentEvent[] = [defined({ kind: 'toolResult' as const, ok, text, id })];
    const type = str(error?.type);
    if (!ok && ((type && REFUSED_TYPES.has(type)) || ACCESS_DENIED.test(str(error?.message) ?? ''))) {
      const call = id ? tools.get(id) : undefined;
      const tool = call?.tool ?? 'tool';
      const detail = call ? describeTool(TOOLS, tool, call.input).detail : '';
      events.push(
        defined({ kind: 'denial' as const, tool, detail, reason: str(error?.message) ?? text, id }),
      );
    }
    return events;
  }

  function result(event: Json): AgentEvent[] {
    const stats = obj(event.stats);
    const isError = event.status !== 'success';
    const errorMessage = str(obj(event.error)?.message) ?? str(event.error);
    const events: AgentEvent[] = [];
    if (isError && errorMessage && QUOTA.test(errorMessage))
      events.push(
        defined({ kind: 'limit' as const, message: errorMessage, reset: resetPhrase(errorMessage) }),
      );
    events.push(
      defined({
        kind: 'result' as const,
        isError,
        summary: isError
          ? (errorMessage ?? `Gemini reported status "${String(event.status)}"`)
          : said.trim() || undefined,
        usage: stats && {
          inputTokens: num(stats.input_tokens) ?? 0,
          outputTokens: num(stats.output_tokens) ?? 0,
          ...defined({ cachedInputTokens: num(stats.cached) }),
        },
        durationMs: num(stats?.duration_ms),
        model: mainModel(obj(stats?.models)),
      }),
    );
    return events;
  }

  return {
    line(text, stream) {
      if (stream === 'stderr') return stderr(text);
      const event = parseObject(text);
      if (!event) return plain(text);
      switch (event.type) {
        case 'init': {
          const model = str(event.model);
          return str(event.session_id)
            ? // "auto" means it routes each turn; the result names the model that answered.
              [
                defined({
                  kind: 'session' as const,
                  sessionId: event.session_id as string,
                  model: model === 'auto' ? undefined : model,
                }),
              ]
            : [];
        }
        case 'message': {
          const content = typeof event.content === 'string' ? event.content : '';
          if (!content) return [];
          if (event.role === 'user') return [{ kind: 'message', role: 'user', text: content }];
          said += content;
          return [
            defined({
              kind: 'message' as const,
              role: 'assistant' as const,
              text: content,
              delta: event.delta === true || undefined,
            }),
          ];
        }
        case 'tool_use': {
          const tool = str(event.tool_name) ?? 'tool';
          const input = obj(event.parameters) ?? {};
          const id = str(event.tool_id);
          if (id) tools.set(id, { tool, input });
          said = '';
          return [
            defined({ kind: 'tool' as const, tool, summary: describeTool(TOOLS, tool, input).summary, id }),
          ];
        }
        case 'tool_result':
          return toolResult(event);
        case 'result':
          return result(event);
        default:
          return [];
      }
    },
    end: release,
  };
}

function plain(text: string): AgentEvent[] {
  if (text.trim() === '') return [];
  return [NOISE.some((re) => re.test(text)) ? { kind: 'noise', text } : { kind: 'text', text }];
}

/** `stats.models` also lists the routing model (zero tokens): the one with the most tokens answered. */
function mainModel(models: Json | undefined): string | undefined {
  const tokens = (name: string) => num(obj(models?.[name])?.total_tokens) ?? 0;
  return Object.keys(models ?? {}).reduce<string | undefined>(
    (best, name) => (best !== undefined && tokens(best) > tokens(name) ? best : name),
    undefined,
  );
}
