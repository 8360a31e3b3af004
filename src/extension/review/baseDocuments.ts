/**
 * The left side of a worktree task's diff: a file as it was at the task's base commit, served
 * read-only on the `dispatch-base:` scheme from engine.worktrees.baseContent (`git cat-file` of
 * `<base>:<path>`). The URI's path is the file's, so the editor picks its language; the query
 * names the task. A file the base did not have (an added one) is empty, and so is the task's side
 * of a deleted file (`empty` in the query): the diff editor needs a document on both sides.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';

export const BASE_SCHEME = 'dispatch-base';

export function baseUri(taskId: string, relPath: string, options: { empty?: boolean } = {}): vscode.Uri {
  const query = new URLSearchParams({ task: taskId });
  if (options.empty) query.set('empty', '1');
  return vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${relPath}`, query: query.toString() });
}

export function registerBaseDocuments(context: vscode.ExtensionContext, host: EngineHost): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const query = new URLSearchParams(uri.query);
      const taskId = query.get('task');
      if (!taskId || query.has('empty')) return '';
      const engine = await host.require();
      const content = await engine.worktrees.baseContent(taskId, uri.path.replace(/^\//, ''));
      return content ? new TextDecoder().decode(content) : '';
    },
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, provider));
}
