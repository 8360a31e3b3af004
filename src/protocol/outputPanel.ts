/**
 * The typed protocol between the output panel's host (src/extension) and its webview
 * (webview-ui). Both sides import this file and nothing else from each other. Message names say
 * their direction. Types only: no runtime code, no imports of vscode or Node.
 */

export type OutputStream = 'stdout' | 'stderr' | 'system';

/**
 * What a transcript line is (engine/agents/transcript/types.ts), plus the panel's own
 * `thread` lines: the separators between the turns of a reply thread.
 */
export type LineKind =
  | 'session'
  | 'prompt'
  | 'message'
  | 'tool'
  | 'toolResult'
  | 'denial'
  | 'retry'
  | 'limit'
  | 'warning'
  | 'error'
  | 'summary'
  | 'footer'
  | 'text'
  | 'noise'
  | 'system'
  | 'thread';

/**
 * A run of output from one stream, as the supervisor captured it — or, in a transcript, one
 * whole line (`kind` set, `text` ending in a newline) whose `offset` is its line number.
 */
export interface OutputChunk {
  stream: OutputStream;
  /** Capture time, epoch ms. */
  at: number;
  /** Raw: logical byte offset of the chunk's first byte in the task's whole output. Transcript: the line's index. */
  offset: number;
  text: string;
  kind?: LineKind;
}

/** What the agent reported about a finished run, worded for the header (core/results.ts). */
export interface ResultSummary {
  /** The first lines of the agent's final message. */
  summary: string[];
  /** "12,340 tokens in, 512 out · $0.0123", or null when the agent reported none. */
  usage: string | null;
  /** "2 actions refused: Bash `touch x.txt`", or null. */
  denials: string | null;
}

/** What the header shows; a projection of the task, so the webview needs no core imports. */
export interface TaskSummary {
  id: string;
  title: string;
  agent: string;
  state: 'queued' | 'blocked' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
  /**
   * A paused task's next step, worded by the host (Engine.pausedWords), which knows
   * dispatch.usageLimit.autoResume: "resumes 15:00", or "resets 15:00 · waits for Resume Now".
   * Null otherwise.
   */
  pausedWords?: string | null;
  priority: string;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  /** Which window runs it, when it runs: "this window", "another window", "dispatch worker". */
  runningIn: string | null;
  /** read-only, edit or full; null for a task from before autonomy levels. */
  autonomy: string | null;
  model: string | null;
  /** The agent prints structured events: the panel shows a transcript unless Raw is on. */
  structured: boolean;
  /** A finished task's result, when its agent reported one. */
  result: ResultSummary | null;
  /** "retrying (3/10): 401 authentication_error" while the running agent retries. */
  retrying: string | null;
  /** The task this one replies to. */
  replyTo: string | null;
  /** A finished task that can be replied to from here (a trusted workspace, not a shell command). */
  canReply: boolean;
  /** Null for a task that ran in its folder. */
  worktree: WorktreeSummary | null;
}

/** A task that ran in its own git worktree: what it changed, and what can be done about it. */
export interface WorktreeSummary {
  /** "3 files changed", "no changes", "applied", "discarded"; null while it runs or git is read. */
  changes: string | null;
  /** Changes that were never applied: Apply shows. */
  canApply: boolean;
  /** Changes to look at, applied or not: Review shows. */
  canReview: boolean;
  /** The worktree is still there: Discard shows. */
  canDiscard: boolean;
}

/** A styled run of a snapshot line's text (the webview's own styling, kept as it drew it). */
export interface SnapshotSpan {
  text: string;
  fg?: string;
  bg?: string;
  bold?: true;
  dim?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  inverse?: true;
  hidden?: true;
}

export interface SnapshotLine {
  text: string;
  /** null when the line is unstyled. */
  spans: SnapshotSpan[] | null;
  stream: OutputStream;
  at: number;
  kind?: LineKind;
}

/**
 * What the panel showed last — its header and its last lines — kept in its state so a panel
 * restored after a reload paints it at once, before its host has opened the engine and read the
 * output (seconds, on a busy machine); host/init then replaces it.
 */
export interface PanelSnapshot {
  task: TaskSummary;
  lines: SnapshotLine[];
}

/** State the webview keeps across hide/show and reloads (vscode.getState/setState). */
export interface PanelViewState {
  taskId: string;
  follow: boolean;
  showTimestamps: boolean;
  query: string;
  /** The agent's own lines instead of the transcript. */
  raw?: boolean;
  snapshot?: PanelSnapshot;
}

/**
 * Embedded in the panel's HTML by renderPanelHtml (src/extension/outputPanel/html.ts), so the
 * header shows before host/init arrives. `view` is what the panel serializer restored, if
 * anything; the webview's own getState() wins over it.
 */
export interface PanelInitialState {
  task: TaskSummary;
  view?: PanelViewState;
}

/**
 * Host → webview. The host posts nothing until the webview has posted webview/ready; then it
 * sends host/init (again after any reload), and after that appends, older pages and task updates.
 * Pages (host/init's chunks, host/older's chunks) should start at the beginning of a line: the
 * webview assembles lines within a page, so a page that starts mid-line shows that line split.
 */
export type HostToWebview =
  | {
      type: 'host/init';
      task: TaskSummary;
      /** What the chunks are: the agent's own output, or transcript lines (one per chunk). */
      mode: 'raw' | 'transcript';
      /** The tail of the output, oldest first. */
      chunks: OutputChunk[];
      /** True when older output exists before the first chunk (ask with webview/requestOlder). */
      hasOlder: boolean;
      /** Bytes dropped from the head by the output cap (dispatch.maxOutputMB), if any. */
      truncatedBytes: number;
    }
  | { type: 'host/append'; chunks: OutputChunk[] }
  | { type: 'host/older'; chunks: OutputChunk[]; hasOlder: boolean }
  | { type: 'host/task'; task: TaskSummary }
  | { type: 'host/truncated'; truncatedBytes: number }
  /**
   * Open the find bar with `query` and go to its first match in the whole output, asking for
   * older pages until the head of the output is shown (a search result opened from the editor's
   * Search Tasks). Sent after host/init.
   */
  | { type: 'host/find'; query: string };

export type WebviewToHost =
  /** Also sent again when Raw is toggled: the host starts over in that mode. */
  | { type: 'webview/ready'; raw?: boolean }
  /** Older output than the given logical offset, for scrolling up. */
  | { type: 'webview/requestOlder'; beforeOffset: number }
  | { type: 'webview/cancel' }
  /** A task paused at its agent's usage limit, queued again now (Resume Paused Task Now). */
  | { type: 'webview/resume' }
  | { type: 'webview/retry' }
  /** Run again with full autonomy (after refused actions). */
  | { type: 'webview/retryFull' }
  | { type: 'webview/reply'; message: string }
  | { type: 'webview/copy'; text: string }
  | { type: 'webview/openAsText' }
  /** A worktree task's changes: the diff editor, Apply to the workspace, Discard the worktree. */
  | { type: 'webview/review' }
  | { type: 'webview/apply' }
  | { type: 'webview/discard' };
