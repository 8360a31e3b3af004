/**
 * The output panel: host messages in, model and view updated, user actions out. Appends are
 * queued and applied once per animation frame, so a task printing thousands of lines a second
 * costs one layout per frame, and the message handler itself only pushes to an array.
 */
import type {
  HostToWebview,
  OutputChunk,
  PanelInitialState,
  PanelViewState,
  TaskSummary,
  WebviewToHost,
} from '../../src/protocol/outputPanel';
import { FindModel } from './find';
import { FindBar } from './findBar';
import { isFinished } from './format';
import { Header, type HeaderAction } from './header';
import { LogModel } from './logModel';
import { LogView } from './logView';
import { Notices } from './notices';
import { ReplyBox } from './replyBox';
import { SnapshotSaver, snapshotLines, takeSnapshot } from './snapshot';
import { Toggles } from './toggles';
import type { HostChannel } from './vscodeApi';

export interface OutputPanelDeps {
  host: HostChannel;
  root: HTMLElement;
  initial: PanelInitialState | null;
  maxLines?: number;
}

/** When the page is hidden animation frames stop; appends still land within this bound. */
const HIDDEN_FLUSH_MS = 250;

export class OutputPanel {
  private readonly host: HostChannel;
  private readonly model: LogModel;
  private readonly find = new FindModel();
  private readonly header: Header;
  private readonly findBar: FindBar;
  private readonly notices: Notices;
  private readonly toggles: Toggles;
  private readonly log: LogView;
  private readonly reply: ReplyBox;
  private readonly root: HTMLElement;
  private readonly snapshots = new SnapshotSaver(() => this.saveSnapshot());
  private task: TaskSummary | null = null;
  private view: PanelViewState;
  private queue: OutputChunk[] = [];
  private scheduled = false;
  private hasOlder = false;
  private olderRequested = false;
  private firstOffset: number | null = null;
  /** An older page did not fit under the line cap, so no more are asked for. */
  private olderCut = false;
  /** A host/find waiting for older pages: its first match is in the whole output, not the tail. */
  private findFirst: string | undefined;

  constructor(deps: OutputPanelDeps) {
    this.host = deps.host;
    this.root = deps.root;
    this.model = new LogModel(deps.maxLines);
    const task = deps.initial?.task ?? null;
    const taskId = task?.id ?? '';
    const saved = deps.host.savedState();
    const restored = saved?.taskId === taskId ? saved : deps.initial?.view;
    this.view = { follow: true, showTimestamps: false, query: '', raw: false, ...restored, taskId };

    this.header = new Header({ parent: deps.root, onAction: (action) => this.onAction(action) });
    this.toggles = new Toggles({
      parent: this.header.toggles,
      follow: this.view.follow,
      showTimestamps: this.view.showTimestamps,
      raw: this.view.raw === true,
      onFollow: (follow) => this.log.setFollow(follow),
      onTimestamps: (show) => {
        this.log.setTimestamps(show);
        this.saveView({ showTimestamps: show });
      },
      onRaw: (raw) => {
        this.saveView({ raw });
        // The host starts over in the other mode and answers with host/init.
        this.host.post(this.readyMessage());
      },
    });
    this.findBar = new FindBar({
      parent: deps.root,
      onQuery: (query) => this.search(query),
      onStep: (direction) => this.step(direction),
      onClose: () => this.search(''),
    });
    this.notices = new Notices(deps.root);
    this.log = new LogView({
      parent: deps.root,
      model: this.model,
      find: this.find,
      follow: this.view.follow,
      showTimestamps: this.view.showTimestamps,
      onFollowChange: (follow) => {
        this.toggles.setFollow(follow);
        this.saveView({ follow });
      },
      onNearTop: () => this.requestOlder(),
    });
    this.reply = new ReplyBox(deps.root, (message) => this.host.post({ type: 'webview/reply', message }));
    this.updateChrome(task);
    const snapshot = this.view.snapshot;
    if (snapshot && snapshot.task.id === taskId) this.paintSnapshot(snapshot.lines.length);
    if (this.view.query) this.findBar.open(this.view.query);
    // Saved at once, not only on a change: the host's panel serializer restores the panel after a
    // reload from this state, and cannot without the task id.
    if (taskId) this.host.saveState(this.view);
  }

  openFind(): void {
    this.findBar.open();
  }

  /** What the host is told when the page is ready (and again when Raw is toggled). */
  readyMessage(): WebviewToHost {
    return { type: 'webview/ready', raw: this.view.raw === true };
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'host/init':
        this.init(message);
        return;
      case 'host/append':
        for (const chunk of message.chunks) this.queue.push(chunk);
        this.schedule();
        return;
      case 'host/older':
        this.prepend(message.chunks, message.hasOlder);
        return;
      case 'host/task':
        this.updateTask(message.task);
        return;
      case 'host/truncated':
        this.showTruncated(message.truncatedBytes);
        return;
      case 'host/find':
        this.findFirst = message.query;
        this.findBar.open(message.query);
        this.continueFindFirst();
        return;
      default:
        assertNever(message);
    }
  }

  private init(message: Extract<HostToWebview, { type: 'host/init' }>): void {
    this.queue = [];
    this.model.reset();
    this.model.append(message.chunks);
    if (isFinished(message.task)) this.model.finish();
    this.hasOlder = message.hasOlder;
    this.olderRequested = false;
    this.olderCut = false;
    this.firstOffset = message.chunks[0]?.offset ?? null;
    this.notices.clear();
    this.showTruncated(message.truncatedBytes);
    this.showCapped();
    this.updateChrome(message.task);
    this.find.rescan(this.model);
    this.findBar.setCount(this.find.describe());
    this.log.refresh();
    this.log.render();
    // A host/find still loading older pages starts over on the new document.
    this.continueFindFirst();
    this.root.dataset.caughtUpAt = String(Math.round(performance.now()));
    this.snapshots.now();
  }

  /**
   * What the panel showed before a reload, painted before webview/ready is even posted: the host
   * replaces it with host/init once its engine is open and the output read.
   */
  private paintSnapshot(lines: number): void {
    this.model.restore(snapshotLines(this.view.snapshot!));
    this.find.rescan(this.model);
    this.log.refresh();
    this.log.render();
    this.notices.set('restored', 'As shown before the reload; catching up…');
    // For the ui tier: what was painted from the snapshot, and when (host/init sets caughtUpAt).
    this.root.dataset.restoredLines = String(lines);
    this.root.dataset.restoredAt = String(Math.round(performance.now()));
  }

  private saveSnapshot(): void {
    if (!this.task) return;
    this.saveView({ snapshot: takeSnapshot(this.task, this.model) });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.flush());
    setTimeout(() => this.flush(), HIDDEN_FLUSH_MS);
  }

  /** Applies every queued append: one model update, one find update, one render. */
  private flush(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    const chunks = this.queue;
    this.queue = [];
    const dropped = this.model.append(chunks);
    this.find.update(this.model, dropped);
    if (this.find.query) this.findBar.setCount(this.find.describe());
    if (dropped > 0) {
      this.showCapped();
      this.log.shift(-dropped);
    } else {
      this.log.render();
    }
    this.snapshots.changed();
  }

  private prepend(chunks: readonly OutputChunk[], hasOlder: boolean): void {
    this.olderRequested = false;
    // A page must end before what is shown; one answering a request made before a new
    // host/init (or after lines were dropped) does not fit and is ignored.
    const end = chunks[chunks.length - 1];
    if (this.model.dropped > 0 || (end && this.firstOffset !== null && end.offset >= this.firstOffset))
      return;
    const added = this.model.prepend(chunks);
    // A full panel takes no more pages: older output stays in Open as Text.
    this.olderCut = hasOlder && this.model.full;
    this.hasOlder = hasOlder && !this.olderCut;
    this.showCapped();
    this.firstOffset = chunks[0]?.offset ?? this.firstOffset;
    this.find.prepended(this.model, added);
    if (this.find.query) this.findBar.setCount(this.find.describe());
    this.log.shift(added);
    this.continueFindFirst();
  }

  /**
   * Asks for the next older page while the head of the output is missing (or the panel is full),
   * then makes the first match of the whole output current and shows it.
   */
  private continueFindFirst(): void {
    const query = this.findFirst;
    if (query === undefined) return;
    if (this.hasOlder && this.firstOffset !== null && this.model.dropped === 0) {
      this.requestOlder();
      return;
    }
    this.findFirst = undefined;
    this.find.setQuery(query, this.model, 0);
    this.findBar.setCount(this.find.describe());
    this.log.refresh();
    const match = this.find.matches[this.find.current];
    if (match) this.log.reveal(match.line);
  }

  private updateChrome(task: TaskSummary | null): void {
    this.task = task;
    this.header.update(task);
    this.toggles.showRaw(task?.structured === true);
    this.reply.update(task);
  }

  private updateTask(task: TaskSummary): void {
    this.updateChrome(task);
    this.snapshots.changed();
    if (!isFinished(task)) return;
    // The last line may have had no newline: flush what is queued, then end it.
    this.scheduled = true;
    this.flush();
    this.model.finish();
    this.find.update(this.model);
    this.log.render();
  }

  private requestOlder(): void {
    if (!this.hasOlder || this.olderRequested || this.firstOffset === null || this.model.dropped > 0) return;
    this.olderRequested = true;
    this.host.post({ type: 'webview/requestOlder', beforeOffset: this.firstOffset });
  }

  private search(query: string): void {
    this.find.setQuery(query, this.model, this.log.firstVisibleLine);
    this.findBar.setCount(this.find.describe());
    this.saveView({ query });
    this.log.refresh();
    // As in the editor: the first match from the top of the view on is brought into view.
    const match = this.find.matches[this.find.current];
    if (match) this.log.reveal(match.line);
  }

  private step(direction: 1 | -1): void {
    const match = this.find.step(direction);
    this.findBar.setCount(this.find.describe());
    this.log.refresh();
    if (match) this.log.reveal(match.line);
  }

  private onAction(action: HeaderAction): void {
    switch (action) {
      case 'resume':
        this.host.post({ type: 'webview/resume' });
        return;
      case 'cancel':
        this.host.post({ type: 'webview/cancel' });
        return;
      case 'retry':
        this.host.post({ type: 'webview/retry' });
        return;
      case 'retryFull':
        this.host.post({ type: 'webview/retryFull' });
        return;
      case 'review':
        this.host.post({ type: 'webview/review' });
        return;
      case 'apply':
        this.host.post({ type: 'webview/apply' });
        return;
      case 'discard':
        this.host.post({ type: 'webview/discard' });
        return;
      case 'copy':
        this.host.post({ type: 'webview/copy', text: selectedText(this.log.viewport) || this.model.text() });
        return;
      case 'openAsText':
        this.host.post({ type: 'webview/openAsText' });
        return;
      default:
        assertNever(action);
    }
  }

  private showTruncated(bytes: number): void {
    this.notices.set(
      'truncated',
      bytes > 0
        ? `The first ${formatBytes(bytes)} of output were dropped (setting dispatch.maxOutputMB).`
        : null,
    );
  }

  private showCapped(): void {
    const { dropped, maxLines } = this.model;
    const limit = `This panel keeps the last ${maxLines.toLocaleString()} lines`;
    let text: string | null = null;
    if (dropped > 0)
      text = `${limit}; ${dropped.toLocaleString()} earlier lines are not shown. Open as Text shows everything.`;
    else if (this.olderCut) text = `${limit}; Open as Text shows the earlier output.`;
    this.notices.set('capped', text);
  }

  private saveView(change: Partial<PanelViewState>): void {
    this.view = { ...this.view, ...change };
    this.host.saveState(this.view);
  }
}

function selectedText(within: HTMLElement): string {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !within.contains(selection.anchorNode)) return '';
  return selection.toString();
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
