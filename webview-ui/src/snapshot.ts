/**
 * The panel's last lines and header, kept in the webview's state (vscode.setState) so that after
 * a window reload the restored panel paints them at once instead of staying blank until its host
 * has opened the engine and read the output. Saved at most once a second (setState copies the
 * state to the workbench), and small: the last lines only, cut to a budget of characters.
 */
import type { PanelSnapshot, SnapshotLine, TaskSummary } from '../../src/protocol/outputPanel';
import type { LogLine, LogModel } from './logModel';

const LINES = 200;
const CHARS = 64 * 1024;
const SAVE_MS = 1000;

export function takeSnapshot(task: TaskSummary, model: LogModel): PanelSnapshot {
  const lines: SnapshotLine[] = [];
  let chars = 0;
  const tail = model.tail(LINES);
  for (let i = tail.length - 1; i >= 0 && chars < CHARS; i--) {
    const line = tail[i]!;
    chars += line.text.length;
    lines.unshift({ ...line });
  }
  return { task, lines };
}

/** A snapshot's lines as the model holds them. */
export function snapshotLines(snapshot: PanelSnapshot): LogLine[] {
  return snapshot.lines.map((line) => ({ ...line }));
}

/** Saves a snapshot after changes, at most once per SAVE_MS. */
export class SnapshotSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly save: () => void) {}

  changed(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, SAVE_MS);
  }

  /** Now, and nothing pending (a host/init just replaced everything). */
  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }
}
