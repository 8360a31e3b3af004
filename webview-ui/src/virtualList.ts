/**
 * A windowed list of fixed-height rows: a sizer as tall as all rows gives the scrollbar its
 * range, and only the rows in view (plus a margin) exist as elements, recycled as they leave.
 * So 100,000 lines cost ~100 elements, and a row is rendered again only when its content changed.
 */

export interface VirtualListOptions {
  /** The scrolling element; the list puts its sizer inside. */
  viewport: HTMLElement;
  rowHeight: number;
  count(): number;
  /** What a row shows; a row whose key is unchanged is not rendered again. */
  keyOf(index: number): unknown;
  render(row: HTMLElement, index: number): void;
}

/** Rows rendered above and below the visible ones, so a small scroll shows no gap. */
const OVERSCAN = 20;

export class VirtualList {
  private readonly sizer: HTMLElement;
  private readonly shown = new Map<number, HTMLElement>();
  private readonly keys = new WeakMap<HTMLElement, unknown>();
  private readonly spare: HTMLElement[] = [];

  constructor(private readonly options: VirtualListOptions) {
    this.sizer = document.createElement('div');
    this.sizer.className = 'sizer';
    options.viewport.append(this.sizer);
  }

  get rowHeight(): number {
    return this.options.rowHeight;
  }

  /** Sizes the scroll range to the row count (update does it too; call it before moving scrollTop). */
  resize(): void {
    this.sizer.style.height = `${this.options.count() * this.options.rowHeight}px`;
  }

  /** Sizes the scroll range and renders the rows in view. */
  update(): void {
    const { viewport, rowHeight, count, keyOf, render } = this.options;
    const total = count();
    this.resize();
    const first = Math.max(0, Math.floor(viewport.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(
      total,
      Math.ceil((viewport.scrollTop + viewport.clientHeight) / rowHeight) + OVERSCAN,
    );
    for (const [index, row] of this.shown) {
      if (index < first || index >= last) this.release(index, row);
    }
    for (let index = first; index < last; index++) {
      let row = this.shown.get(index);
      const key = keyOf(index);
      if (row && this.keys.get(row) === key) continue;
      if (!row) {
        row = this.spare.pop() ?? this.create();
        row.hidden = false;
        row.style.top = `${index * rowHeight}px`;
        this.shown.set(index, row);
      }
      row.dataset.index = String(index);
      render(row, index);
      this.keys.set(row, key);
    }
    // Keep a few spares for the next scroll; more would only be dead nodes.
    while (this.spare.length > OVERSCAN) this.spare.pop()!.remove();
  }

  /** Forgets what every row shows (indexes moved, or how rows render changed), then updates. */
  refresh(): void {
    for (const [index, row] of this.shown) this.release(index, row);
    this.update();
  }

  /** Brings a row into view, centred when it was outside it. */
  reveal(index: number): void {
    const { viewport, rowHeight } = this.options;
    const top = index * rowHeight;
    if (top < viewport.scrollTop || top + rowHeight > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = top - (viewport.clientHeight - rowHeight) / 2;
    }
  }

  private create(): HTMLElement {
    const row = document.createElement('div');
    row.className = 'row';
    this.sizer.append(row);
    return row;
  }

  private release(index: number, row: HTMLElement): void {
    this.shown.delete(index);
    this.keys.delete(row);
    row.hidden = true;
    this.spare.push(row);
  }
}
