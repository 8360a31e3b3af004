/**
 * The typed protocol between the output panel's host (src/extension) and its webview
 * (webview-ui). Both sides import this file and nothing else from each other. Message names say
 * their direction. Types only: no runtime code, no imports of vscode or Node.
 */

export type OutputStream = 'stdout' | 'stderr' | 'system';

/** A run of output from one stream, as the supervisor captured it. */
export interface OutputChunk {
  stream: OutputStream;
  /** Capture time, epoch ms. */
  at: number;
  /** Logical byte offset of the chunk's first byte in the task's whole output. */
  offset: number;
  text: string;
}

/** What the header shows; a projection of the task, so the webview needs no core imports. */
export interface TaskSummary {
  id: string;
  title: string;
  agent: string;
  state: 'queued' | 'blocked' | 'running' | 'completed' | 'failed' | 'cancelled';
  priority: string;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  /** Which window runs it, when it runs: "this window", "another window", "dispatch worker". */
  runningIn: string | null;
}

/** State the webview keeps across hide/show (vscode.getState/setState). */
export interface PanelViewState {
  taskId: string;
  follow: boolean;
  showTimestamps: boolean;
  query: string;
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
  | { type: 'host/truncated'; truncatedBytes: number };

export type WebviewToHost =
  | { type: 'webview/ready' }
  /** Older output than the given logical offset, for scrolling up. */
  | { type: 'webview/requestOlder'; beforeOffset: number }
  | { type: 'webview/cancel' }
  | { type: 'webview/retry' }
  | { type: 'webview/copy'; text: string }
  | { type: 'webview/openAsText' };
