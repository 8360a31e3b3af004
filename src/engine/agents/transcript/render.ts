/**
 * Agent events into transcript lines, incrementally: the same code renders a finished log and a
 * log that is still growing (`dispatch logs --follow`, the output panel). Its only state is what
 * makes the lines readable: streamed message pieces are joined before they are shown, and the
 * final message or error is not repeated when it was just shown as a message, limit or error.
 */
import type { AgentEvent, OutputStream } from '../events';
import type { TranscriptKind, TranscriptLine } from './types';
import { abridge, footer, retryLine } from './words';

export interface EventRenderer {
  event(event: AgentEvent, stream: OutputStream): TranscriptLine[];
  /** A line that is not the agent's (dispatch's own notice): shown after what is pending. */
  system(text: string): TranscriptLine[];
  /** The output ended: shows what is pending. */
  end(): TranscriptLine[];
}

export function createEventRenderer(): EventRenderer {
  let pending: { text: string; stream: OutputStream } | undefined;
  /** The last message and the last problem (limit, error) shown, to not repeat them as the summary. */
  let lastMessage = '';
  let lastProblem = '';

  const lines = (kind: TranscriptKind, stream: TranscriptLine['stream'], text: string, prefix = '') =>
    text
      .replace(/\r/g, '')
      .replace(/\n+$/, '')
      .split('\n')
      .map((line, i): TranscriptLine => ({ kind, stream, text: i === 0 ? `${prefix}${line}` : line }));

  function flush(): TranscriptLine[] {
    if (!pending) return [];
    const { text, stream } = pending;
    pending = undefined;
    if (text.trim() === '') return [];
    lastMessage = text.trim();
    return lines('message', stream, text.trim());
  }

  function render(event: AgentEvent, stream: OutputStream): TranscriptLine[] {
    switch (event.kind) {
      case 'session':
        return [
          {
            kind: 'session',
            stream,
            text: `session ${event.sessionId}${event.model ? ` · ${event.model}` : ''}`,
          },
        ];
      case 'message':
        if (event.role === 'user')
          return event.text.split('\n').map((line) => ({ kind: 'prompt', stream, text: `> ${line}` }));
        pending = { text: (pending?.text ?? '') + event.text, stream };
        return event.delta ? [] : flush();
      case 'tool':
        return [{ kind: 'tool', stream, text: event.summary }];
      case 'toolResult':
        return abridge(event.text).map((text) => ({ kind: 'toolResult', stream, text: `  ${text}` }));
      case 'denial':
        return [
          {
            kind: 'denial',
            stream,
            text: `refused: ${event.tool}${event.detail ? ` \`${event.detail}\`` : ''}`,
          },
        ];
      case 'retry':
        return [{ kind: 'retry', stream, text: retryLine(event) }];
      case 'limit':
        lastProblem = event.message.trim();
        return lines('limit', stream, event.message.trim(), 'limit: ');
      case 'result': {
        const summary = event.summary?.trim() ?? '';
        const repeated = summary === '' || summary === lastMessage || summary === lastProblem;
        const said = repeated
          ? []
          : event.isError
            ? lines('error', stream, summary, 'error: ')
            : lines('summary', stream, summary);
        return [...said, { kind: 'footer', stream, text: footer(event) }];
      }
      case 'noise':
        return [{ kind: 'noise', stream, text: event.text }];
      case 'text':
        if (event.level) lastProblem = event.text.trim();
        return event.level
          ? lines(event.level, stream, event.text, `${event.level}: `)
          : [{ kind: 'text', stream, text: event.text }];
    }
  }

  return {
    event(event, stream) {
      // A streamed message goes on until something else happens.
      const before = event.kind === 'message' && event.role === 'assistant' ? [] : flush();
      return [...before, ...render(event, stream)];
    },
    system: (text) => [...flush(), { kind: 'system', stream: 'system', text }],
    end: flush,
  };
}
