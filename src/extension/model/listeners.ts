/**
 * A minimal event for the models, which stay free of `vscode` (so the bench and unit tests run
 * them in plain Node); the views adapt it to a vscode.EventEmitter where the API needs one.
 */
export interface Subscription {
  dispose(): void;
}

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Subscription => {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  };

  fire(value: T): void {
    // A copy: a listener may unsubscribe (or subscribe another) while being called.
    for (const listener of [...this.set]) listener(value);
  }
}
