/**
 * The view switches in the header: follow the tail, show timestamps, and — for an agent whose
 * output is a transcript — Raw, its own lines instead.
 */
import { el } from './dom';

export interface TogglesOptions {
  parent: HTMLElement;
  follow: boolean;
  showTimestamps: boolean;
  raw: boolean;
  onFollow(follow: boolean): void;
  onTimestamps(show: boolean): void;
  onRaw(raw: boolean): void;
}

export class Toggles {
  private readonly follow = el('vscode-checkbox', 'toggle-follow');
  private readonly timestamps = el('vscode-checkbox', 'toggle-timestamps');
  private readonly raw = el('vscode-checkbox', 'toggle-raw');

  constructor(options: TogglesOptions) {
    this.follow.toggle = true;
    this.follow.label = 'Follow';
    this.follow.title = 'Keep the newest output in view (pauses when you scroll up)';
    this.follow.checked = options.follow;
    this.follow.addEventListener('change', () => options.onFollow(this.follow.checked));
    this.timestamps.toggle = true;
    this.timestamps.label = 'Timestamps';
    this.timestamps.title = 'Show when each line was printed';
    this.timestamps.checked = options.showTimestamps;
    this.timestamps.addEventListener('change', () => options.onTimestamps(this.timestamps.checked));
    this.raw.toggle = true;
    this.raw.label = 'Raw';
    this.raw.title = "Show the agent's own output (its JSON events) instead of the transcript";
    this.raw.checked = options.raw;
    this.raw.hidden = true;
    this.raw.addEventListener('change', () => options.onRaw(this.raw.checked));
    options.parent.append(this.follow, this.timestamps, this.raw);
  }

  /** Raw is offered only where there is a transcript to switch away from. */
  showRaw(available: boolean): void {
    this.raw.hidden = !available;
  }

  setFollow(follow: boolean): void {
    this.follow.checked = follow;
  }
}
