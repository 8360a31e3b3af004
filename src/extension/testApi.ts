/**
 * What activate() returns when the extension runs under tests (ExtensionMode.Test), so the vscode
 * tier can read the real views' data and settings of the real extension. Not a public API: in
 * normal use activate() returns nothing.
 */
import type * as vscode from 'vscode';
import type { EngineHost } from './engineHost';
import type { LiveState } from './model/liveState';
import type { WorktreeReviews } from './model/worktreeReviews';
import type { Settings } from './settings';
import type { SchedulesProvider } from './views/schedulesView';
import type { TasksProvider } from './views/tasksView';
import type { WorkersProvider } from './views/workersView';

export interface DispatchTestApi {
  host: EngineHost;
  settings: Settings;
  live: LiveState;
  /** What finished worktree tasks changed, as the Tasks rows and panel headers read it. */
  reviews: WorktreeReviews;
  views: { workers: WorkersProvider; tasks: TasksProvider; schedules: SchedulesProvider };
  /**
   * The language model tools as registered, by name: under tests VS Code confirms every tool
   * invocation itself, so the vscode tier reads what the user would be asked from here.
   */
  lmTools: ReadonlyMap<string, vscode.LanguageModelTool<never>>;
  /** The status bar item: its tooltip ends with today's usage. */
  statusBar: vscode.StatusBarItem;
  /** Milliseconds spent inside activate(). */
  activationMs: number;
}
