/**
 * The log on screen: a virtual list over the model's lines, find highlights, timestamps, and
 * follow-tail. Follow pauses as soon as the user scrolls up (wheel, keys, scrollbar, or going to
 * a match) and resumes when they come back to the bottom; reaching the top asks for older output.
 */
import type { FindModel } from './find';
import type { LogModel } from './logModel';
import { renderRow } from './rowView';
import { rowSegments } from './segments';
import { VirtualList } from './virtualList';

export interface LogViewOptions {
  parent: HTMLElement;
  model: LogModel;
  find: FindModel;
  follow: boolean;
  showTimestamps: boolean;
  onFollowChange(follow: boolean): void;
  /** The view shows the first rows (or cannot scroll at all): older output is wanted. */
  onNearTop(): void;
}

export class LogView {
  readonly viewport: HTMLElement;
  private readonly list: VirtualList;
  private follow: boolean;
  private showTimestamps: boolean;

  constructor(private readonly options: LogViewOptions) {
    this.follow = options.follow;
    this.showTimestamps = options.showTimestamps;
    this.viewport = document.createElement('div');
    this.viewport.className = 'log';
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'log');
    this.viewport.setAttribute('aria-label', 'Task output');
    options.parent.append(this.viewport);
    const rowHeight = this.measureRowHeight();
    const { model, find } = options;
    this.list = new VirtualList({
      viewport: this.viewport,
      rowHeight,
      count: () => model.count,
      keyOf: (index) => model.line(index),
      render: (row, index) => {
        const line = model.line(index)!;
        const segments = rowSegments(line, find.inLine(index), find.matches[find.current]);
        renderRow(row, line, segments, this.showTimestamps);
      },
    });
    this.viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // The wheel event comes before the scroll it causes: pausing here means a frame that
    // renders new lines in between cannot pull the view back down.
    this.viewport.addEventListener('wheel', (e) => e.deltaY < 0 && this.setFollow(false), { passive: true });
    new ResizeObserver(() => this.render()).observe(this.viewport);
  }

  get firstVisibleLine(): number {
    return Math.floor(this.viewport.scrollTop / this.list.rowHeight);
  }

  /** After lines changed at the end: size, keep the tail in view when following, draw. */
  render(): void {
    this.list.resize();
    if (this.follow) this.viewport.scrollTop = this.viewport.scrollHeight;
    this.list.update();
    if (this.viewport.scrollHeight <= this.viewport.clientHeight) this.options.onNearTop();
  }

  /** After indexes moved or highlights changed: draw every row again. */
  refresh(): void {
    this.list.resize();
    if (this.follow) this.viewport.scrollTop = this.viewport.scrollHeight;
    this.list.refresh();
  }

  /** `rows` lines were put before (positive) or removed from (negative) the top. */
  shift(rows: number): void {
    this.list.resize();
    if (!this.follow) this.viewport.scrollTop += rows * this.list.rowHeight;
    this.refresh();
  }

  setFollow(follow: boolean): void {
    if (follow === this.follow) return;
    this.follow = follow;
    if (follow) this.render();
    this.options.onFollowChange(follow);
  }

  setTimestamps(show: boolean): void {
    this.showTimestamps = show;
    this.list.refresh();
  }

  reveal(line: number): void {
    this.list.reveal(line);
    this.list.update();
  }

  private onScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.viewport;
    const atBottom = scrollHeight - scrollTop - clientHeight < this.list.rowHeight;
    if (atBottom !== this.follow) this.setFollow(atBottom);
    this.list.update();
    if (scrollTop < this.list.rowHeight * 2) this.options.onNearTop();
  }

  /** One row's height in px, from the theme's editor font; rows must all be this tall. */
  private measureRowHeight(): number {
    const probe = document.createElement('div');
    probe.className = 'row probe';
    probe.textContent = 'Mg';
    this.viewport.append(probe);
    const height = Math.ceil(probe.getBoundingClientRect().height) || 18;
    probe.remove();
    this.viewport.style.setProperty('--row-height', `${height}px`);
    return height;
  }
}
