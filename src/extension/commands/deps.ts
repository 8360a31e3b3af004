import type * as vscode from 'vscode';
import type { PromptEditors } from '../delegate/promptEditors';
import type { EngineHost } from '../engineHost';
import type { LiveState } from '../model/liveState';
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
  /** Kept across sessions (globalState): the model last used with each agent. */
  memory: vscode.Memento;
}
