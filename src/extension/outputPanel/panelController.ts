/**
 * One task's output panel, host side. It posts nothing until the webview says webview/ready, and
 * starts over at every ready: a hidden panel's document is thrown away (no
 * retainContextWhenHidden) and rebuilt when shown, so the host re-reads the tail then. While
 * hidden it reads nothing. Every listener, follower and read it starts ends with the panel.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { shortTitle } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import type { HostToWebview, PanelViewState, TaskSummary, WebviewToHost } from '../../protocol/outputPanel';
import type { EngineHost } from '../engineHost';
import type { WorktreeReviews } from '../model/worktreeReviews';
import type { OutputDocuments } from './outputDocuments';
import type { PanelCommands } from './outputPanels';
import { runPanelAction } from './panelActions';
import { openPanelOutput } from './panelOutput';
import { panelHtml, webviewOptions } from './panelWebview';
import type { PanelOutput } from './taskOutput';
import { readSummary } from './taskSummary';

/** Sees every message both ways (tests observe the protocol with it, not the DOM). */
export type MessageTap = (event: { taskId: string; message: HostToWebview | WebviewToHost }) => void;

export interface PanelControllerDeps {
  panel: vscode.WebviewPanel;
  taskId: string;
  summary: TaskSummary;
  /** What the serializer restored, if anything. */
  view?: PanelViewState;
  host: EngineHost;
  log: vscode.LogOutputChannel;
  commands: PanelCommands;
  documents: OutputDocuments;
  extensionUri: vscode.Uri;
  onDidDispose(): void;
  reviews?: WorktreeReviews;
  tap?: MessageTap;
}

export class PanelController implements vscode.Disposable {
  readonly taskId: string;
  private readonly disposables: vscode.Disposable[] = [];
  private summary: TaskSummary;
  private engine: Engine | undefined;
  private output: PanelOutput | undefined;
  /** The webview asked for the agent's own lines instead of the transcript. */
  private raw = false;
  /** Bumped at every ready, hide and dispose: work begun for an older document is dropped. */
  private session = 0;
  private ready = false;
  private disposed = false;
  /** Starts and task updates run one at a time, in order, so host/init precedes host/task. */
  private work: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  /** A find to send after the next host/init (see find()). */
  private pendingFind: string | undefined;

  constructor(private readonly deps: PanelControllerDeps) {
    const { panel } = deps;
    this.taskId = deps.taskId;
    this.summary = deps.summary;
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'dispatch.svg');
    this.render();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewToHost) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.stop();
      }),
      deps.host.onDidChange(() => this.onStateChange()),
      // Git answers after the state did: a worktree task's changes arrive on their own.
      ...(deps.reviews
        ? [deps.reviews.onDidChange((ids) => ids.includes(this.taskId) && this.queueRefresh())]
        : []),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  reveal(): void {
    this.deps.panel.reveal();
  }

  /**
   * Opens the webview's find bar at the first match of `query` (host/find). It goes after the
   * document's host/init, which a hidden or loading panel has yet to get: kept until then.
   */
  find(query: string): void {
    this.pendingFind = query;
    if (this.ready) this.enqueue(() => this.sendFind());
  }

  private sendFind(): void {
    if (this.pendingFind === undefined || !this.ready) return;
    this.post({ type: 'host/find', query: this.pendingFind });
    this.pendingFind = undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.deps.panel.dispose();
    this.deps.onDidDispose();
  }

  private receive(message: WebviewToHost): void {
    if (typeof message?.type !== 'string') return;
    this.deps.tap?.({ taskId: this.taskId, message });
    switch (message.type) {
      case 'webview/ready': {
        this.stop();
        this.ready = true;
        this.raw = message.raw === true;
        const session = this.session;
        this.enqueue(() => this.start(session));
        return;
      }
      case 'webview/requestOlder': {
        // The page answers this document only: a ready in between makes it stale.
        const session = this.session;
        this.enqueue(() => this.sendOlder(session, message.beforeOffset));
        return;
      }
      case 'webview/resume':
      case 'webview/cancel':
      case 'webview/retry':
      case 'webview/retryFull':
      case 'webview/reply':
      case 'webview/copy':
      case 'webview/openAsText':
      case 'webview/review':
      case 'webview/apply':
      case 'webview/discard':
        void runPanelAction(message, { ...this.deps, taskId: this.taskId });
        return;
      default:
        this.deps.log.warn(`output panel: unexpected message ${JSON.stringify(message)}`);
    }
  }

  /** Sends the tail, then follows (or, for a finished task, delivers what is left). */
  private async start(session: number): Promise<void> {
    const engine = await this.deps.host.require().catch((err) => {
      this.deps.log.warn(`output panel ${this.taskId}: ${messageOf(err)}`);
      return undefined;
    });
    if (session !== this.session) return;
    this.engine = engine;
    const summary = engine && readSummary(engine, this.taskId, vscode.workspace.isTrusted, this.deps.reviews);
    if (engine && !summary) return this.gone();
    if (summary) this.summary = summary;
    this.deps.panel.title = tabTitle(this.summary);
    const mode = this.summary.structured && !this.raw ? 'transcript' : 'raw';
    const output = engine
      ? await openPanelOutput(engine, this.taskId, mode, {
          onAppend: (chunks) => {
            this.post({ type: 'host/append', chunks });
            // A retry is recorded beside the log, not in the shared state: new output is when to look.
            if (this.summary.state === 'running') this.queueRefresh();
          },
          onTruncated: (truncatedBytes) => this.post({ type: 'host/truncated', truncatedBytes }),
          onError: (err) => this.deps.log.warn(`output panel ${this.taskId}: ${err.message}`),
        }).catch((err) => {
          this.deps.log.error(`output panel ${this.taskId}: reading the output: ${messageOf(err)}`);
          return undefined;
        })
      : undefined;
    if (session !== this.session) return output?.dispose();
    this.output = output;
    const page = output?.first ?? { chunks: [], hasOlder: false, truncatedBytes: 0 };
    this.post({ type: 'host/init', task: this.summary, mode, ...page });
    this.sendFind();
    // The summary was read before the tail: if it says finished, the tail holds everything.
    if (isTerminal(this.summary.state)) await output?.finish();
    else output?.follow();
  }

  private onStateChange(): void {
    if (this.disposed) return;
    this.output?.poke(); // a commit often means a supervisor flushed: look at the log now
    if (this.ready && this.deps.host.engine && this.deps.host.engine !== this.engine) {
      // Another state folder (setting changed): start over on the new engine.
      this.stop();
      this.ready = true;
      const session = this.session;
      this.enqueue(() => this.start(session));
      return;
    }
    this.queueRefresh();
  }

  private queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.enqueue(() => this.refreshTask());
  }

  private async refreshTask(): Promise<void> {
    this.refreshQueued = false;
    const engine = this.deps.host.engine;
    if (!engine || this.disposed) return;
    const summary = readSummary(engine, this.taskId, vscode.workspace.isTrusted, this.deps.reviews);
    if (!summary) return this.gone();
    if (JSON.stringify(summary) === JSON.stringify(this.summary)) return;
    // Resumed after a usage limit: its log goes on past the exit record that ended the tail.
    const resumed =
      this.summary.state === 'paused' && summary.state !== 'paused' && !isTerminal(summary.state);
    this.summary = summary;
    if (resumed && this.ready) {
      this.stop();
      this.ready = true;
      const session = this.session;
      return this.enqueue(() => this.start(session));
    }
    this.deps.panel.title = tabTitle(summary);
    if (!this.ready) {
      // Hidden: the next document carries the new header (a visible one asks with ready soon).
      if (!this.deps.panel.visible) this.render();
      return;
    }
    const session = this.session;
    // The last output goes before the final header, which ends the webview's unfinished lines.
    if (isTerminal(summary.state)) await this.output?.finish();
    if (session === this.session) this.post({ type: 'host/task', task: summary });
  }

  private async sendOlder(session: number, before: number): Promise<void> {
    if (!this.output) return;
    const page = await this.output.older(before);
    if (session === this.session)
      this.post({ type: 'host/older', chunks: page.chunks, hasOlder: page.hasOlder });
  }

  private stop(): void {
    this.ready = false;
    this.session++;
    this.output?.dispose();
    this.output = undefined;
  }

  private post(message: HostToWebview): void {
    if (!this.ready || this.disposed) return;
    this.deps.tap?.({ taskId: this.taskId, message });
    void this.deps.panel.webview.postMessage(message);
  }

  private render(): void {
    const { panel, extensionUri, view } = this.deps;
    panel.title = tabTitle(this.summary);
    panel.webview.html = panelHtml(panel.webview, extensionUri, { task: this.summary, view });
  }

  /** The task was deleted (or pruned): there is nothing left to show. */
  private gone(): void {
    this.deps.log.info(`output panel ${this.taskId}: the task no longer exists; closing its panel`);
    this.dispose();
  }

  private enqueue(job: () => Promise<void> | void): void {
    this.work = this.work.then(job).catch((err) => {
      this.deps.log.error(`output panel ${this.taskId}: ${messageOf(err)}`);
    });
  }
}

/** The tab shows the start of the title; the header shows all of it. */
function tabTitle(task: TaskSummary): string {
  return task.title ? shortTitle(task.title, 40) : task.id;
}
