/**
 * The output panels: one webview panel per task (architecture.md §1, §6), opened or revealed by show(),
 * and restored after a reload by a serializer from the state each webview saved (its task id,
 * and a snapshot of what it showed, painted before the engine is open).
 * The commands, views and notifications open panels through OutputPanels; a panel's Resume Now,
 * Cancel and Retry buttons go back to the commands layer through PanelCommands, and its Open as Text button
 * opens the output as a document (outputDocuments.ts), registered here with the panels.
 */
import * as vscode from 'vscode';
import type { PanelViewState } from '../../protocol/outputPanel';
import type { EngineHost } from '../engineHost';
import type { WorktreeReviews } from '../model/worktreeReviews';
import { type OutputDocuments, registerOutputDocuments } from './outputDocuments';
import { type MessageTap, PanelController } from './panelController';
import { webviewOptions } from './panelWebview';
import type { RestoreGate } from './restoreGate';
import { placeholderSummary, readSummary } from './taskSummary';

export interface OutputPanels {
  /**
   * Opens the task's output panel, or reveals it if it is already open; with `find`, its find bar
   * opens at the first match of that text (a search result).
   */
  show(taskId: string, options?: { find?: string }): Promise<void>;
}

/** The task actions a panel offers; the commands layer implements them. */
export interface PanelCommands {
  /** Resume Now on a task paused at its agent's usage limit. */
  resume(taskId: string): Promise<void>;
  cancel(taskId: string): Promise<void>;
  retry(taskId: string): Promise<void>;
  /** Run again with full autonomy, after refused actions. */
  retryFull(taskId: string): Promise<void>;
  /** A reply to a finished task; its panel shows the new turn. */
  reply(taskId: string, message: string): Promise<void>;
  /** A worktree task's changes: the diff editor, Apply, Discard. */
  review(taskId: string): Promise<void>;
  apply(taskId: string): Promise<void>;
  discard(taskId: string): Promise<void>;
}

export const OUTPUT_VIEW_TYPE = 'dispatch.output';

export function registerOutputPanels(
  context: vscode.ExtensionContext,
  deps: {
    host: EngineHost;
    log: vscode.LogOutputChannel;
    commands: PanelCommands;
    reviews?: WorktreeReviews;
    /** Told of each panel restored after a reload (the engine opens after those on screen). */
    restoring?: RestoreGate;
  },
): OutputPanels {
  const documents = registerOutputDocuments(context, deps);
  const panels = createOutputPanels({
    ...deps,
    documents,
    viewType: OUTPUT_VIEW_TYPE,
    extensionUri: context.extensionUri,
  });
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(OUTPUT_VIEW_TYPE, panels.serializer),
  );
  return panels;
}

export interface OutputPanelsDeps {
  host: EngineHost;
  log: vscode.LogOutputChannel;
  commands: PanelCommands;
  /** Where Open as Text opens the output. */
  documents: OutputDocuments;
  /** The extension's folder: dist/webview and media/ are found from it. */
  extensionUri: vscode.Uri;
  viewType: string;
  /** What worktree tasks changed, for the header's Review, Apply and Discard. */
  reviews?: WorktreeReviews;
  restoring?: RestoreGate;
  tap?: MessageTap;
}

export interface OutputPanelsService extends OutputPanels, vscode.Disposable {
  readonly serializer: vscode.WebviewPanelSerializer<PanelViewState>;
  /** Task ids with an open panel. */
  openTaskIds(): string[];
}

/** The implementation behind registerOutputPanels; tests create one with their own view type. */
export function createOutputPanels(deps: OutputPanelsDeps): OutputPanelsService {
  const panels = new Map<string, PanelController>();

  const adopt = (panel: vscode.WebviewPanel, taskId: string, view?: PanelViewState): PanelController => {
    const engine = deps.host.engine;
    // Before the engine is open, a restored panel shows the header it saved (see below).
    const saved = view?.snapshot?.task.id === taskId ? view.snapshot.task : undefined;
    const summary =
      (engine && readSummary(engine, taskId, vscode.workspace.isTrusted, deps.reviews)) ??
      saved ??
      placeholderSummary(taskId);
    const controller = new PanelController({
      ...deps,
      panel,
      taskId,
      summary,
      view,
      onDidDispose: () => {
        if (panels.get(taskId) === controller) panels.delete(taskId);
      },
    });
    panels.set(taskId, controller);
    return controller;
  };

  const open = async (taskId: string): Promise<PanelController> => {
    const shown = panels.get(taskId);
    if (shown) {
      shown.reveal();
      return shown;
    }
    // Throws a message a user can act on when there is no engine or no such task.
    const { id } = (await deps.host.require()).resolve(taskId);
    if (id !== taskId && panels.has(id)) return open(id);
    const panel = vscode.window.createWebviewPanel(
      deps.viewType,
      id,
      { viewColumn: vscode.ViewColumn.Active },
      webviewOptions(deps.extensionUri),
    );
    return adopt(panel, id);
  };

  return {
    async show(taskId, options = {}) {
      const controller = await open(taskId);
      if (options.find) controller.find(options.find);
    },
    serializer: {
      async deserializeWebviewPanel(panel, state) {
        const taskId = typeof state?.taskId === 'string' ? state.taskId : undefined;
        // No saved task, or a second panel restored for the same task: nothing to show in it.
        if (!taskId || panels.has(taskId)) panel.dispose();
        // At once, not after the engine opened (seconds after a reload): the panel paints what it
        // saved — header and last lines — and catches up when the host has read the output.
        else adopt(panel, taskId, state);
        deps.restoring?.restoredOne();
      },
    },
    openTaskIds: () => [...panels.keys()],
    dispose() {
      for (const controller of [...panels.values()]) controller.dispose();
      panels.clear();
    },
  };
}
