/**
 * A capture's decoded events, summed up in the shape the expectation tables are written in (each
 * table is written from reading the capture files, field by field).
 */
import { decodeCapture } from '../../../../support/captured';

export interface Outcome {
  session?: string;
  sessionModel?: string;
  messages: string[];
  tools: string[];
  toolResults: boolean[];
  denials: [tool: string, detail: string][];
  retries: [
    attempt: number | undefined,
    max: number | undefined,
    status: string | undefined,
    message: string,
  ][];
  /** The limit's words, its reset as an epoch, or as worded (core/resetTime.ts reads it). */
  limits: [message: string, resetAt: number | undefined, reset: string | undefined][];
  result?: Record<string, unknown>;
  results: number;
}

export function outcome(name: string): Outcome {
  const out: Outcome = {
    messages: [],
    tools: [],
    toolResults: [],
    denials: [],
    retries: [],
    limits: [],
    results: 0,
  };
  for (const { event } of decodeCapture(name)) {
    switch (event.kind) {
      case 'session':
        out.session = event.sessionId;
        out.sessionModel = event.model;
        break;
      case 'message':
        if (event.role === 'assistant') out.messages.push(event.text);
        break;
      case 'tool':
        out.tools.push(event.summary);
        break;
      case 'toolResult':
        out.toolResults.push(event.ok);
        break;
      case 'denial':
        out.denials.push([event.tool, event.detail]);
        break;
      case 'retry':
        out.retries.push([event.attempt, event.max, event.status, event.message]);
        break;
      case 'limit':
        out.limits.push([event.message, event.resetAt, event.reset]);
        break;
      case 'result': {
        const { kind: _, ...rest } = event;
        out.result = rest;
        out.results++;
        break;
      }
    }
  }
  return out;
}
