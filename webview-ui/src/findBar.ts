/**
 * The find widget: a text field, the match count, previous/next and close. Enter goes to the
 * next match, Shift+Enter to the previous one, Escape closes. Opening it is main.ts's job
 * (Ctrl/Cmd+F). Typing is debounced so a long log is not searched on every keystroke.
 */
import { el, hasCodicons } from './dom';

export interface FindBarOptions {
  parent: HTMLElement;
  onQuery(query: string): void;
  onStep(direction: 1 | -1): void;
  onClose(): void;
}

const DEBOUNCE_MS = 120;

export class FindBar {
  readonly element = el('div', 'find');
  private readonly field = el('vscode-textfield', 'find-field');
  private readonly count = el('span', 'find-count');
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: FindBarOptions) {
    this.element.hidden = true;
    this.element.setAttribute('role', 'search');
    this.field.placeholder = 'Find';
    this.field.setAttribute('aria-label', 'Find in output');
    this.count.setAttribute('aria-live', 'polite');
    const icons = hasCodicons();
    const button = (label: string, icon: string, text: string, onClick: () => void) => {
      const b = el('vscode-button', 'find-button', icons ? '' : text);
      b.secondary = true;
      if (icons) b.icon = icon;
      b.title = label;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', onClick);
      return b;
    };
    this.element.append(
      this.field,
      this.count,
      button('Previous match (Shift+Enter)', 'arrow-up', '↑', () => options.onStep(-1)),
      button('Next match (Enter)', 'arrow-down', '↓', () => options.onStep(1)),
      button('Close (Escape)', 'close', '×', () => this.close()),
    );
    this.field.addEventListener('input', () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.debounce = undefined;
        options.onQuery(this.field.value);
      }, DEBOUNCE_MS);
    });
    this.field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.flushQuery();
        options.onStep(event.shiftKey ? -1 : 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    options.parent.append(this.element);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(query?: string): void {
    if (query !== undefined) this.field.value = query;
    this.element.hidden = false;
    this.field.focus();
    // Select what is there so typing replaces it, as in the editor's find widget.
    this.field.shadowRoot?.querySelector('input')?.select();
    this.options.onQuery(this.field.value);
  }

  close(): void {
    clearTimeout(this.debounce);
    this.element.hidden = true;
    this.options.onClose();
  }

  setCount(text: string): void {
    this.count.textContent = text;
  }

  private flushQuery(): void {
    if (this.debounce === undefined) return;
    clearTimeout(this.debounce);
    this.debounce = undefined;
    this.options.onQuery(this.field.value);
  }
}
