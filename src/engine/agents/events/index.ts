/**
 * Agent output as events (types.ts): one decoder per structured output format, fed line by line.
 * Plain-text agents have none; their lines are the whole story.
 */
import type { OutputFormat } from '../types';
import { claudeDecoder } from './claude';
import { codexDecoder } from './codex';
import { geminiDecoder } from './gemini';
import type { EventDecoder } from './types';

export type { AgentEvent, AgentEventKind, EventDecoder, OutputStream, Usage } from './types';

/** A fresh decoder for one run's output; undefined for `text` agents. */
export function createDecoder(format: OutputFormat): EventDecoder | undefined {
  switch (format) {
    case 'claude-stream-json':
      return claudeDecoder();
    case 'codex-json':
      return codexDecoder();
    case 'gemini-stream-json':
      return geminiDecoder();
    case 'text':
      return undefined;
  }
}
