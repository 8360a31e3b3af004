/**
 * The output panel's HTML document, in one place (so its CSP is never copy-pasted). Pure and
 * free of `vscode`: the host passes webview.cspSource and the asWebviewUri strings.
 *
 * The CSP allows scripts only with this page's nonce, styles and fonts only from the extension's
 * own resources (plus nonce'd elements), images from there and data: URIs, and nothing else —
 * no eval, no inline handlers, no network. The initial state rides in a JSON data block whose
 * `<` are escaped, so no string in it (a task title, say) can close the element.
 */
import { randomBytes } from 'node:crypto';
import type { PanelInitialState } from '../../protocol/outputPanel';

export interface PanelHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  /** From createNonce(), new for every document. */
  nonce: string;
  /** asWebviewUri(dist/webview/outputPanel.js) */
  scriptUri: string;
  /** asWebviewUri(dist/webview/outputPanel.css) */
  styleUri?: string;
  /** asWebviewUri(…/codicon.css); when given, buttons show codicons. */
  codiconsUri?: string;
  initialState: PanelInitialState;
}

/** 128 random bits, base64: a CSP nonce (https://w3c.github.io/webappsec-csp/#security-nonces). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function renderPanelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, codiconsUri, initialState } = options;
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce))
    throw new Error('renderPanelHtml: the nonce is not base64');
  // One or more sources: the desktop gives one origin, the web workbench "'self' https://*.vscode-cdn.net".
  const sources = cspSource.trim().split(/\s+/);
  if (!sources.every((source) => source === "'self'" || /^[^;,'"\s]+$/.test(source))) {
    throw new Error(`renderPanelHtml: unexpected cspSource ${JSON.stringify(cspSource)}`);
  }
  const own = sources.join(' ');
  const csp = [
    "default-src 'none'",
    `img-src ${own} data:`,
    `style-src ${own} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${own}`,
  ].join('; ');
  const links = [
    styleUri && `<link rel="stylesheet" href="${attr(styleUri)}" nonce="${nonce}">`,
    codiconsUri &&
      `<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(codiconsUri)}" nonce="${nonce}">`,
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links.join('\n')}
<title>${text(initialState.task.title)}</title>
</head>
<body>
<script type="application/json" id="dispatch-initial-state" nonce="${nonce}">${jsonForScript(initialState)}</script>
<script src="${attr(scriptUri)}" nonce="${nonce}"></script>
</body>
</html>
`;
}

/**
 * JSON that can sit inside a <script> element: `<` (so no `</script>` or `<!--`), `>` and `&`
 * become \u escapes, as do U+2028/U+2029 (line terminators in older JavaScript).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
