/**
 * Keeps this window's LiveState current: one re-read after every change the engine host reports
 * (the store's change events from any window or CLI, and the engine opening or closing), never
 * by polling.
 */
import type * as vscode from 'vscode';
import { messageOf } from '../core/errors';
import type { EngineHost } from './engineHost';
import { LiveState } from './model/liveState';
import type { Settings } from './settings';

export function registerLiveState(
  context: vscode.ExtensionContext,
  deps: { host: EngineHost; log: vscode.LogOutputChannel; settings: Settings },
): LiveState {
  const live = new LiveState();
  let lastError: string | undefined;
  const refresh = () => {
    try {
      live.refresh(deps.host.engine, deps.settings.current['usageLimit.autoResume']);
      lastError = undefined;
    } catch (err) {
      // A damaged row fails every re-read alike: log it once, not on every change.
      const message = messageOf(err);
      if (message !== lastError) deps.log.error(`reading the shared state: ${message}`);
      lastError = message;
    }
  };
  context.subscriptions.push(deps.host.onDidChange(refresh));
  refresh();
  return live;
}
