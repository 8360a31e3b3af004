import * as vscode from 'vscode';
import { type AgentPause, localClock, resumeWords } from '../../../core/usageLimit';
import { CommandIds } from '../../commandIds';

/**
 * An agent paused at its usage limit, in the Workers view under the running tasks: its queued
 * tasks wait until it resumes. Its context menu offers Resume Agent Now.
 */
export class PausedAgentNode {
  readonly kind = 'pausedAgent';

  constructor(
    public pause: AgentPause,
    /** dispatch.usageLimit.autoResume: whether its paused tasks run again by themselves. */
    private readonly autoResume = true,
    /** How many of its tasks are paused: with none, nothing waits for Resume Now. */
    private readonly pausedTasks = 1,
  ) {}

  /** For commands invoked on the row (Resume Agent Now). */
  get agent(): string {
    return this.pause.agent;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const { pause } = this;
    const item = new vscode.TreeItem(pause.agent, vscode.TreeItemCollapsibleState.None);
    item.id = `pausedAgent:${pause.agent}`;
    const tasksWait = this.pausedTasks > 0;
    item.description = `paused at its usage limit · ${resumeWords(pause.resumeAt, now, this.autoResume, tasksWait)}`;
    item.iconPath = new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.orange'));
    item.contextValue = 'agentPause';
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${pause.agent}** is paused until ${localClock(pause.resumeAt, now)}: `);
    md.appendText(pause.reason);
    md.appendMarkdown(
      this.autoResume || !tasksWait
        ? '\n\nIts queued tasks wait until then; other agents keep running.'
        : // What the engine does with autoResume off (engine/limits/limitResumer.ts).
          '\n\nIts queued tasks wait until then; its paused tasks wait for Resume Now ' +
            '(`dispatch.usageLimit.autoResume` is off). Other agents keep running.',
    );
    item.tooltip = md;
    if (pause.taskId) {
      item.command = { command: CommandIds.showOutput, title: 'Show Output', arguments: [pause.taskId] };
    }
    return item;
  }
}
