import * as vscode from 'vscode';
import type { LoopEntry, LoopState } from '../../../core/loop';
import { loopCheckText, loopDescription } from '../loopFormat';
import { header, promptExcerpt, row } from '../tooltips';

const ICONS: Record<LoopState, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  succeeded: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

/** A loop in the Tasks view; its children are its iterations. `loop.<state>` selects its actions. */
export class LoopNode {
  readonly kind = 'loop';

  /** Replaced with the latest read by the Tasks view (loopsSection.ts), which keeps one node per loop. */
  constructor(public entry: LoopEntry) {}

  get loopId(): string {
    return this.entry.loop.id;
  }

  toTreeItem(): vscode.TreeItem {
    const { loop } = this.entry;
    const item = new vscode.TreeItem(
      loop.title || loop.id,
      // An ended loop folds away; VS Code remembers what the user opened (the ids are stable).
      loop.state === 'running'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `loop:${loop.id}`;
    item.description = loopDescription(this.entry);
    item.iconPath = ICONS[loop.state];
    item.contextValue = `loop.${loop.state}`;
    item.tooltip = this.tooltip();
    item.accessibilityInformation = { label: `Loop ${loop.title}, ${item.description}` };
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const { loop } = this.entry;
    const md = header(`Loop ${loop.id}`);
    row(md, 'State', loop.reason ? `${loop.state} (${loop.reason})` : loop.state);
    row(md, 'Check', loopCheckText(loop));
    row(md, 'Agent', `${loop.agent}, at most ${loop.maxIterations} iterations`);
    promptExcerpt(md, loop.prompt);
    return md;
  }
}
