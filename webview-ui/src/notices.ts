/** Banners above the log about output the panel does not show (capped, dropped, more above, not yet caught up). */
import { el } from './dom';

export type NoticeKey = 'truncated' | 'capped' | 'restored';

export class Notices {
  readonly element = el('div', 'notices');
  private readonly shown = new Map<NoticeKey, HTMLElement>();

  constructor(parent: HTMLElement) {
    this.element.setAttribute('role', 'status');
    parent.append(this.element);
  }

  /** Shows, replaces or (with null) removes one notice. */
  set(key: NoticeKey, text: string | null): void {
    const existing = this.shown.get(key);
    if (text === null) {
      existing?.remove();
      this.shown.delete(key);
    } else if (existing) {
      existing.textContent = text;
    } else {
      const notice = el('div', `notice notice-${key}`, text);
      this.shown.set(key, notice);
      this.element.append(notice);
    }
  }

  clear(): void {
    for (const key of [...this.shown.keys()]) this.set(key, null);
  }
}
