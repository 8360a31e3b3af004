/**
 * Claude Code's `--output-format stream-json` (docs/agents.md, "Claude Code"). State per run: the
 * working folder (paths are shown relative to it), each tool call's input by id (a refusal names
 * only the id), the refusals already reported (each appears both as `permission_denied` and in
 * the result's `permission_denials`), and a subscription limit's reset time, which comes in a
 * `rate_limit_event` before the message that names the limit.
 */
import { resetPhrase } from '../../../core/resetTime';
import { defined, describeTool, type Json, num, obj, parseObject, str, type ToolNames } from './decode';
import type { AgentEvent, EventDecoder, Usage } from './types';

const TOOLS: ToolNames = {
  shell: ['Bash'],
  edit: ['Edit', 'MultiEdit', 'NotebookEdit'],
  write: ['Write'],
  read: ['Read'],
  search: ['Grep', 'Glob'],
};

/** "You've hit your 5-hour limit · resets 11:50pm (UTC)"; older: "Claude AI usage limit reached|<epoch s>". */
const LIMIT_TEXT = /you['’]ve hit your .*limit|usage limit reached/i;
/** An API 429 that outlasted Claude's own retries ("API Error: Request rejected (429) · …"). */
const RATE_LIMITED = (event: Json) => event.api_error_status === 429 || event.error === 'rate_limit';
const LEGACY_LIMIT = /usage limit reached\|(\d{9,11})/i;

export function claudeDecoder(): EventDecoder {
  let cwd: string | undefined;
  let initModel: string | undefined;
  let limitResetAt: number | undefined;
  const inputs = new Map<string, { tool: string; input: Json }>();
  const denied = new Set<string>();

  const denial = (
    tool: string,
    id: string | undefined,
    input: Json | undefined,
    reason?: string,
  ): AgentEvent => {
    if (id) denied.add(id);
    const detail = input ? describeTool(TOOLS, tool, input, cwd).detail : '';
    return defined({ kind: 'denial' as const, tool, detail, reason, id });
  };

  function assistant(event: Json): AgentEvent[] {
    const message = obj(event.message) ?? {};
    const blocks = Array.isArray(message.content) ? message.content.map(obj) : [];
    const text = blocks.map((b) => (b?.type === 'text' ? (str(b.text) ?? '') : '')).join('');
    // A synthetic API-error message repeats what the result will say; only a limit needs its own event.
    if (event.is_api_error_message === true || message.model === '<synthetic>') {
      const params = obj(obj(event.api_error_params)?.rate_limit_info);
      const resetsAt = num(params?.resetsAt);
      if (event.api_error === 'usage_limit_reached' || LIMIT_TEXT.test(text) || RATE_LIMITED(event)) {
        const resetAt = resetsAt !== undefined ? resetsAt * 1000 : limitResetAt;
        const message = text || 'usage limit reached';
        const reset = resetAt === undefined ? resetPhrase(message) : undefined;
        return [defined({ kind: 'limit' as const, message, resetAt, reset })];
      }
      return [];
    }
    const events: AgentEvent[] = [];
    for (const block of blocks) {
      if (block?.type === 'text' && str(block.text)) {
        events.push({ kind: 'message', role: 'assistant', text: block.text as string });
      } else if (block?.type === 'tool_use') {
        const tool = str(block.name) ?? 'tool';
        const input = obj(block.input) ?? {};
        const id = str(block.id);
        if (id) inputs.set(id, { tool, input });
        events.push(
          defined({
            kind: 'tool' as const,
            tool,
            summary: describeTool(TOOLS, tool, input, cwd).summary,
            id,
          }),
        );
      }
    }
    return events;
  }

  function user(event: Json): AgentEvent[] {
    const content = obj(event.message)?.content;
    if (typeof content === 'string') return [{ kind: 'message', role: 'user', text: content }];
    const events: AgentEvent[] = [];
    for (const block of Array.isArray(content) ? content.map(obj) : []) {
      if (block?.type === 'tool_result') {
        const id = str(block.tool_use_id);
        events.push(
          defined({
            kind: 'toolResult' as const,
            ok: block.is_error !== true,
            text: resultText(block.content),
            id,
          }),
        );
      } else if (block?.type === 'text' && str(block.text)) {
        events.push({ kind: 'message', role: 'user', text: block.text as string });
      }
    }
    return events;
  }

  function result(event: Json): AgentEvent[] {
    const events: AgentEvent[] = [];
    for (const entry of Array.isArray(event.permission_denials) ? event.permission_denials.map(obj) : []) {
      const id = str(entry?.tool_use_id);
      if (!entry || (id && denied.has(id))) continue;
      events.push(denial(str(entry.tool_name) ?? 'tool', id, obj(entry.tool_input)));
    }
    const errors = Array.isArray(event.errors) ? event.errors.filter((e) => typeof e === 'string') : [];
    const usage = obj(event.usage);
    events.push(
      defined({
        kind: 'result' as const,
        // `subtype` says "success" after API errors and when not logged in: is_error decides.
        isError: event.is_error === true,
        summary: str(event.result) ?? (errors.length ? errors.join('\n') : undefined),
        usage: usage && claudeUsage(usage),
        costUsd: num(event.total_cost_usd),
        turns: num(event.num_turns),
        durationMs: num(event.duration_ms),
        model: mainModel(obj(event.modelUsage), initModel),
      }),
    );
    return events;
  }

  function system(event: Json): AgentEvent[] {
    switch (event.subtype) {
      case 'init':
        cwd = str(event.cwd);
        initModel = str(event.model);
        return str(event.session_id)
          ? [defined({ kind: 'session' as const, sessionId: event.session_id as string, model: initModel })]
          : [];
      case 'permission_denied': {
        const id = str(event.tool_use_id);
        const call = id ? inputs.get(id) : undefined;
        return [denial(str(event.tool_name) ?? call?.tool ?? 'tool', id, call?.input, str(event.message))];
      }
      case 'api_retry':
        return [
          defined({
            kind: 'retry' as const,
            attempt: num(event.attempt),
            max: num(event.max_retries),
            status: event.error_status == null ? undefined : String(event.error_status),
            message: str(event.error) ?? 'API error',
            delayMs: num(event.retry_delay_ms),
          }),
        ];
      case 'informational':
        return str(event.content) ? [{ kind: 'noise', text: event.content as string }] : [];
      default:
        return [];
    }
  }

  return {
    line(text, stream) {
      const event = stream === 'stdout' ? parseObject(text) : undefined;
      if (!event) return plainLine(text);
      switch (event.type) {
        case 'system':
          return system(event);
        case 'assistant':
          return assistant(event);
        case 'user':
          return user(event);
        case 'result':
          return result(event);
        case 'rate_limit_event': {
          const info = obj(event.rate_limit_info);
          if (info?.status === 'rejected' && num(info.resetsAt) !== undefined)
            limitResetAt = (info.resetsAt as number) * 1000;
          return [];
        }
        default:
          return [];
      }
    },
    end: () => [],
  };
}

function plainLine(text: string): AgentEvent[] {
  if (text.trim() === '') return [];
  const legacy = LEGACY_LIMIT.exec(text);
  if (legacy) return [{ kind: 'limit', message: text.trim(), resetAt: Number(legacy[1]) * 1000 }];
  return [{ kind: 'text', text }];
}

/** A tool_result's content: a string, or text blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (obj(block)?.type === 'text' ? String((block as Json).text ?? '') : ''))
    .filter(Boolean)
    .join('\n');
}

function claudeUsage(usage: Json): Usage {
  return defined({
    inputTokens: num(usage.input_tokens) ?? 0,
    outputTokens: num(usage.output_tokens) ?? 0,
    cachedInputTokens: num(usage.cache_read_input_tokens),
    cacheWriteInputTokens: num(usage.cache_creation_input_tokens),
  });
}

/**
 * The model that did the work: `modelUsage` also lists helpers (the permission classifier), so the
 * model `init` named wins when it is there, else the one that wrote the most.
 */
function mainModel(modelUsage: Json | undefined, initModel: string | undefined): string | undefined {
  const names = Object.keys(modelUsage ?? {});
  if (initModel && names.includes(initModel)) return initModel;
  const output = (name: string) => num(obj(modelUsage?.[name])?.outputTokens) ?? 0;
  return names.reduce<string | undefined>(
    (best, name) => (best && output(best) >= output(name) ? best : name),
    undefined,
  );
}
