/**
 * The webview side of a panel as VS Code sees it: which files it may load and the document it
 * shows. Everything it loads sits in dist/webview (the bundle, its CSS, and the codicon font that
 * esbuild.mjs copies there), so that folder is the only local resource root.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PanelInitialState } from '../../protocol/outputPanel';
import { createNonce, renderPanelHtml } from './html';

function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/**
 * Scripts on (the panel is a script), nothing else: no command links, no forms; and no
 * retainContextWhenHidden — a hidden panel is rebuilt from the log when shown again.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** A fresh document (and so a fresh nonce) with `state` embedded for the first paint. */
export function panelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  state: PanelInitialState,
): string {
  const root = webviewRoot(extensionUri);
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
  return renderPanelHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: uri('outputPanel.js'),
    styleUri: uri('outputPanel.css'),
    // Without the font the buttons keep their words and lose only their icons.
    codiconsUri: existsSync(vscode.Uri.joinPath(root, 'codicon.css').fsPath) ? uri('codicon.css') : undefined,
    initialState: state,
  });
}
