/**
 * "Open as Text": a task's output in a read-only editor, for searching and copying beyond what the
 * panel keeps. The text is served on the `dispatch-output:` scheme with escape sequences removed
 * (the raw log is still in the state folder), follows the task while it runs, and covers both
 * segments of a rotated log. Each open document holds one LiveText; closing it stops the reads.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import type { EngineHost } from '../engineHost';
import { LiveText } from './liveText';

export const OUTPUT_SCHEME = 'dispatch-output';
/** The most output a document holds: far beyond any screen, and VS Code stays responsive. */
export const MAX_TEXT_CHARS = 50 * 1024 * 1024;

export interface OutputDocuments {
  /** Opens the task's output as text, or shows the document again if it is open. */
  open(taskId: string): Promise<void>;
}

export interface OutputDocumentsDeps {
  host: EngineHost;
  log: vscode.LogOutputChannel;
  /** The URI scheme served; tests use their own. */
  scheme: string;
  /** Defaults: MAX_TEXT_CHARS, and at most one refresh a second. */
  maxChars?: number;
  refreshMs?: number;
}

export function registerOutputDocuments(
  context: vscode.ExtensionContext,
  deps: Omit<OutputDocumentsDeps, 'scheme'>,
): OutputDocuments {
  const documents = createOutputDocuments({ ...deps, scheme: OUTPUT_SCHEME });
  context.subscriptions.push(documents);
  return documents;
}

/** `<title> (<id>).log`: the tab names the task; `.log` and the query keep the id findable. */
export function documentUri(scheme: string, task: Pick<Task, 'id' | 'title'>): vscode.Uri {
  const title = task.title.replace(/[\\/\p{Cc}]+/gu, ' ').trim();
  const short = title.length > 40 ? `${title.slice(0, 39)}…` : title;
  return vscode.Uri.from({
    scheme,
    path: `/${short ? `${short} (${task.id})` : task.id}.log`,
    query: new URLSearchParams({ task: task.id }).toString(),
  });
}

/** The implementation behind registerOutputDocuments; tests create one on their own scheme. */
export function createOutputDocuments(deps: OutputDocumentsDeps): OutputDocuments & vscode.Disposable {
  const { host, log, scheme } = deps;
  const changed = new vscode.EventEmitter<vscode.Uri>();
  // By URI: a promise, so two fetches of a document that is still opening share one read.
  const texts = new Map<string, Promise<LiveText>>();

  const textFor = (uri: vscode.Uri): Promise<LiveText> => {
    const key = uri.toString();
    let text = texts.get(key);
    if (!text) {
      text = openText(uri);
      texts.set(key, text);
      text.catch(() => texts.delete(key));
    }
    return text;
  };

  const openText = async (uri: vscode.Uri): Promise<LiveText> => {
    const engine = await host.require();
    // Throws a message a user can act on when the task is gone (e.g. deleted after a reload).
    const { id } = engine.resolve(new URLSearchParams(uri.query).get('task') ?? '');
    return LiveText.open({
      outputDir: engine.state.paths.outputDir,
      taskId: id,
      maxChars: deps.maxChars ?? MAX_TEXT_CHARS,
      refreshMs: deps.refreshMs ?? 1000,
      onDidChange: () => changed.fire(uri),
      onError: (err) => log.warn(`output text ${id}: ${err.message}`),
    });
  };

  const close = (uri: vscode.Uri) => {
    const text = texts.get(uri.toString());
    texts.delete(uri.toString());
    void text?.then((t) => t.dispose()).catch(() => undefined);
  };

  const disposables: vscode.Disposable[] = [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(scheme, {
      onDidChange: changed.event,
      provideTextDocumentContent: async (uri) => (await textFor(uri)).text(),
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === scheme) close(document.uri);
    }),
    // A commit often means a supervisor flushed: look at the logs now rather than at the next poll.
    host.onDidChange(() => {
      for (const text of texts.values()) void text.then((t) => t.poke()).catch(() => undefined);
    }),
  ];

  return {
    async open(taskId) {
      const task = (await host.require()).resolve(taskId);
      let document = await vscode.workspace.openTextDocument(documentUri(scheme, task));
      if (document.languageId !== 'log') {
        document = await vscode.languages.setTextDocumentLanguage(document, 'log').then(
          (d) => d,
          (err) => {
            // No `log` language (a trimmed-down editor): plain text reads as well.
            log.info(`output text ${task.id}: ${messageOf(err)}`);
            return document;
          },
        );
      }
      await vscode.window.showTextDocument(document, { preview: false });
    },
    dispose() {
      for (const key of [...texts.keys()]) close(vscode.Uri.parse(key));
      for (const d of disposables.splice(0)) d.dispose();
    },
  };
}
