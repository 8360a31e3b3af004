/**
 * The webview's one connection to its host: acquireVsCodeApi() may be called only once per
 * page, so main.ts calls connectToHost() once and hands the result to whoever posts.
 */
import type { HostToWebview, PanelViewState, WebviewToHost } from '../../src/protocol/outputPanel';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewToHost): void;
  /** What setState saved before the panel was hidden or the window reloaded, if anything. */
  savedState(): PanelViewState | undefined;
  saveState(state: PanelViewState): void;
  /** Listens to host messages; returns the function that stops listening. */
  onMessage(handler: (message: HostToWebview) => void): () => void;
}

export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    savedState: () => (api.getState() as PanelViewState | undefined) ?? undefined,
    saveState: (state) => api.setState(state),
    onMessage(handler) {
      // Only the host posts to this page; the shape check skips stray messages (none are expected).
      const listener = (event: MessageEvent<HostToWebview>) => {
        if (typeof event.data?.type === 'string' && event.data.type.startsWith('host/')) handler(event.data);
      };
      window.addEventListener('message', listener);
      return () => window.removeEventListener('message', listener);
    },
  };
}
