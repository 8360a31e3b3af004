/**
 * Codex's `exec --json` (docs/agents.md, "Codex CLI"). State per run: the command items already
 * announced (an item may arrive only completed), and the turn's last agent message, which is its
 * summary (`turn.completed` carries only usage).
 */
import { resetPhrase } from '../../../core/resetTime';
import { defined, describeTool, type Json, num, obj, parseObject, str, type ToolNames } from './decode';
import type { AgentEvent, EventDecoder } from './types';

const TOOLS: ToolNames = { shell: ['shell'], edit: [], write: [], read: [], search: [] };

/** "Reconnecting... 1/5 (stream disconnected before completion: …)" */
const RECONNECTING = /^Reconnecting\.*\s*(\d+)\/(\d+)\s*(?:\((.*)\))?/s;
/**
 * Usage limits ("You’ve hit your usage limit. … try again at 11:22 PM."), insufficient_quota, and
 * a 429 that outlasted its retries ("exceeded retry limit, last status: 429 Too Many Requests").
 */
const LIMIT = /you['’]ve hit your usage limit|^quota exceeded|last status: 429\b/i;
/** How a write refused by the read-only sandbox fails inside it (docs/agents.md "Refusals"). */
const SANDBOX_REFUSAL = /read-only file system|sandbox/i;
/** Start-up lines on stderr that say nothing about the task. */
const NOISE =
  /^(Reading additional input from stdin|WARNING: proceeding, even though we could not create PATH aliases)/;

export function codexDecoder(): EventDecoder {
  const announced = new Set<string>();
  let lastMessage: string | undefined;

  function command(item: Json, completed: boolean): AgentEvent[] {
    const id = str(item.id);
    const cmd = unwrapShell(str(item.command) ?? '');
    const events: AgentEvent[] = [];
    if (!id || !announced.has(id)) {
      if (id) announced.add(id);
      events.push(
        defined({
          kind: 'tool' as const,
          tool: 'shell',
          summary: describeTool(TOOLS, 'shell', { command: cmd }).summary,
          id,
        }),
      );
    }
    if (!completed) return events;
    const exitCode = num(item.exit_code);
    const output = typeof item.aggregated_output === 'string' ? item.aggregated_output : '';
    const ok = item.status === 'completed' && (exitCode === undefined || exitCode === 0);
    const text =
      ok || exitCode === undefined
        ? output
        : `${output}${output.endsWith('\n') || !output ? '' : '\n'}exit code ${exitCode}`;
    events.push(defined({ kind: 'toolResult' as const, ok, text, id }));
    if (!ok && SANDBOX_REFUSAL.test(output)) {
      events.push(
        defined({ kind: 'denial' as const, tool: 'shell', detail: cmd, reason: output.trim(), id }),
      );
    }
    return events;
  }

  function item(event: Json, completed: boolean): AgentEvent[] {
    const it = obj(event.item);
    if (!it) return [];
    switch (it.type) {
      case 'agent_message': {
        const text = str(it.text);
        if (!completed || !text) return [];
        lastMessage = text;
        return [{ kind: 'message', role: 'assistant', text }];
      }
      case 'command_execution':
        return command(it, completed);
      case 'error':
        // Warnings as items: unknown model metadata, a resumed session's model mismatch.
        return completed && str(it.message)
          ? [{ kind: 'text', text: it.message as string, level: 'warning' }]
          : [];
      default:
        return [];
    }
  }

  function error(message: string): AgentEvent[] {
    const reconnect = RECONNECTING.exec(message);
    if (reconnect) {
      return [
        defined({
          kind: 'retry' as const,
          attempt: Number(reconnect[1]),
          max: Number(reconnect[2]),
          message: reconnect[3] ?? message,
        }),
      ];
    }
    if (LIMIT.test(message))
      return [defined({ kind: 'limit' as const, message, reset: resetPhrase(message) })];
    return [{ kind: 'text', text: message, level: 'error' }];
  }

  return {
    line(text, stream) {
      const event = stream === 'stdout' ? parseObject(text) : undefined;
      if (!event) {
        if (text.trim() === '') return [];
        return [NOISE.test(text) ? { kind: 'noise', text } : { kind: 'text', text }];
      }
      switch (event.type) {
        case 'thread.started':
          return str(event.thread_id) ? [{ kind: 'session', sessionId: event.thread_id as string }] : [];
        case 'turn.started':
          lastMessage = undefined;
          return [];
        case 'item.started':
          return item(event, false);
        case 'item.completed':
          return item(event, true);
        case 'error':
          return error(str(event.message) ?? 'Codex reported an error');
        case 'turn.completed': {
          const usage = obj(event.usage);
          return [
            defined({
              kind: 'result' as const,
              isError: false,
              summary: lastMessage,
              usage: usage && {
                ...defined({
                  inputTokens: num(usage.input_tokens) ?? 0,
                  outputTokens: num(usage.output_tokens) ?? 0,
                  cachedInputTokens: num(usage.cached_input_tokens),
                  cacheWriteInputTokens: num(usage.cache_write_input_tokens),
                }),
              },
            }),
          ];
        }
        case 'turn.failed':
          return [
            {
              kind: 'result',
              isError: true,
              summary: str(obj(event.error)?.message) ?? str(event.error) ?? 'Codex reported a failed turn',
            },
          ];
        default:
          return [];
      }
    },
    end: () => [],
  };
}

/** `/bin/bash -lc 'touch x.txt'` → `touch x.txt`: the shell wrapper is Codex's, not the agent's. */
export function unwrapShell(command: string): string {
  const match = /^(?:\S*\/)?(?:ba|z)?sh\s+-l?c\s+(['"])([\s\S]*)\1$/.exec(command.trim());
  if (!match) return command;
  return match[1] === "'" ? match[2].replace(/'\\''/g, "'") : match[2].replace(/\\(["\\$`])/g, '$1');
}
