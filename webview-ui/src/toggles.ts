/** The view switches in the header: follow the tail, show timestamps. */
import { el } from './dom';

export interface TogglesOptions {
  parent: HTMLElement;
  follow: boolean;
  showTimestamps: boolean;
  onFollow(follow: boolean): void;
  onTimestamps(show: boolean): void;
}

export class Toggles {
  private readonly follow = el('vscode-checkbox', 'toggle-follow');
  private readonly timestamps = el('vscode-checkbox', 'toggle-timestamps');

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
    options.parent.append(this.follow, this.timestamps);
  }

  setFollow(follow: boolean): void {
    this.follow.checked = follow;
  }
}
