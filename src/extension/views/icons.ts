/** One codicon per task state, coloured where the colour carries meaning (pass, fail). */
import * as vscode from 'vscode';
import type { TaskState } from '../../core/taskState';

export function stateIcon(state: TaskState, cancelling = false): vscode.ThemeIcon {
  switch (state) {
    case 'running':
      return cancelling
        ? new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('disabledForeground'))
        : new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'queued':
      return new vscode.ThemeIcon('clock');
    case 'blocked':
      return new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'));
    case 'paused':
      // Waiting for its agent's usage limit to reset (core/usageLimit.ts).
      return new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.orange'));
    case 'completed':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'cancelled':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  }
}
