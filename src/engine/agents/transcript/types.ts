/**
 * A transcript is what an agent did, in lines a person reads: its messages, one line per tool
 * call, abridged results, refusals, retries, the final message and a footer with usage and cost.
 * Each line carries its kind and the stream it came from, so the CLI can dim noise and the output
 * panel can style each kind; the text itself is plain (no colour codes).
 */

export type TranscriptKind =
  /** The session and model, once at the start. */
  | 'session'
  /** The prompt as the agent echoed it. */
  | 'prompt'
  | 'message'
  /** A tool call: `$ npm test`, `edit src/a.ts`. */
  | 'tool'
  /** What a tool returned, indented and abridged. */
  | 'toolResult'
  /** `refused: Bash \`touch x\`` */
  | 'denial'
  /** `retrying (3/10): 401 authentication_failed` */
  | 'retry'
  /** A usage limit, in the agent's words. */
  | 'limit'
  /** Something the CLI flagged as a warning or an error. */
  | 'warning'
  | 'error'
  /** The agent's final message (or its error), when it differs from what was already shown. */
  | 'summary'
  /** `done · 12,345 in · 678 out · $0.0123 · 4 turns · 23.4 s` */
  | 'footer'
  /** Anything else printed, unchanged (all of a plain-text agent's output). */
  | 'text'
  /** Start-up warnings and stack frames: kept, but marked so they can be dimmed. */
  | 'noise'
  /** Dispatch's own notices in the log (`dispatch: the agent exited …`). */
  | 'system';

export interface TranscriptLine {
  kind: TranscriptKind;
  /** Where the underlying output came from. */
  stream: 'stdout' | 'stderr' | 'system';
  /** One line, without its newline. */
  text: string;
}
