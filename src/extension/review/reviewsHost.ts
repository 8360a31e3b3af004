/**
 * This window's WorktreeReviews, kept current like LiveState (liveStateHost.ts): refreshed after
 * every change the engine host reports, so an Apply or Discard in any window or the CLI shows here.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import { WorktreeReviews } from '../model/worktreeReviews';

export function registerWorktreeReviews(context: vscode.ExtensionContext, host: EngineHost): WorktreeReviews {
  const reviews = new WorktreeReviews({ exists: existsSync, trusted: () => vscode.workspace.isTrusted });
  context.subscriptions.push(host.onDidChange(() => reviews.refresh(host.engine)));
  reviews.refresh(host.engine);
  return reviews;
}
