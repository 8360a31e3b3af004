import type * as vscode from 'vscode';
import type { PromptEditors } from '../delegate/promptEditors';
import type { EngineHost } from '../engineHost';
import type { LiveState } from '../model/liveState';
import type { TaskNotices } from '../notices/taskNotices';
import type { OutputPanels } from '../outputPanel/outputPanels';
import type { Settings } from '../settings';

/** What the command handlers use; one object, built once in extension.ts. */
export interface CommandDeps {
  host: EngineHost;
  log: vscode.LogOutputChannel;
  settings: Settings;
  live: LiveState;
  panels: OutputPanels;
  prompts: PromptEditors;
  /** The in-place notification of a task this window delegates or cancels. */
  notices: TaskNotices;
  /** Kept across sessions (globalState): the model last used with each agent. */
  memory: vscode.Memento;
  /** Kept for this workspace (workspaceState): the agent and worktree choice last delegated with. */
  workspaceMemory: vscode.Memento;
}
