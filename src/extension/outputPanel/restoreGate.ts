/**
 * Lets the output panels VS Code is restoring after a reload go before the engine opens.
 *
 * Measured (docs/architecture.md §13): VS Code asks the serializer for a restored panel only
 * after a round trip through the window, and the engine's open — sql.js, the state file, the
 * first refresh of every view — keeps the extension host busy for 0.2–1.2 s; a panel asked for
 * in that time waited for all of it before it could paint its snapshot. The tabs are known at
 * activation, so the engine waits for the panels on screen (hidden tabs are restored only when
 * shown) to be restored, or for `capMs` if VS Code never asks.
 */
import * as vscode from 'vscode';

export interface RestoreGate {
  /** Settles when every output panel on screen at activation was restored, or after the cap. */
  readonly settled: Promise<void>;
  /** The serializer restored one panel. */
  restoredOne(): void;
}

/** How many output panels are on screen now: the restores VS Code is about to ask for. */
export function visiblePanelsToRestore(viewType: string): number {
  // A restored webview's tab reports the view type with a prefix ("mainThreadWebview-…").
  return vscode.window.tabGroups.all.filter((group) => {
    const input = group.activeTab?.input;
    return input instanceof vscode.TabInputWebview && input.viewType.endsWith(viewType);
  }).length;
}

export function createRestoreGate(expected: number, capMs = 2000): RestoreGate {
  let left = expected;
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  if (left <= 0) settle();
  const cap = left > 0 ? setTimeout(settle, capMs) : undefined;
  return {
    settled,
    restoredOne() {
      if (--left > 0) return;
      clearTimeout(cap);
      settle();
    },
  };
}
