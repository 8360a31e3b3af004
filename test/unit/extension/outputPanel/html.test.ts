import assert from 'node:assert/strict';
import { createNonce, jsonForScript, renderPanelHtml } from '../../../../src/extension/outputPanel/html';
import type { PanelInitialState } from '../../../../src/protocol/outputPanel';

const initialState = (title: string): PanelInitialState => ({
  task: {
    id: 'task-1',
    title,
    agent: 'shell',
    state: 'running',
    priority: 'normal',
    createdAt: 1,
    startedAt: 2,
    endedAt: null,
    exitCode: null,
    signal: null,
    reason: null,
    runningIn: 'this window',
    autonomy: null,
    model: null,
    structured: false,
    result: null,
    retrying: null,
    replyTo: null,
    canReply: false,
    worktree: null,
  },
});

function render(title = 'A task', nonce = createNonce()) {
  const html = renderPanelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/outputPanel.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/outputPanel.css',
    initialState: initialState(title),
  });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  return { html, csp, nonce };
}

describe('extension/outputPanel/html', () => {
  it('makes a new 128-bit nonce every time', () => {
    const a = createNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, createNonce());
  });

  it("has a strict CSP: nothing by default, scripts by nonce only, no 'unsafe-eval' or 'unsafe-inline'", () => {
    const { csp, nonce } = render();
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));
    assert.equal(directives.get('default-src'), "default-src 'none'");
    assert.equal(directives.get('script-src'), `script-src 'nonce-${nonce}'`);
    assert.equal(
      directives.get('style-src'),
      `style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-${nonce}'`,
    );
    assert.equal(directives.get('img-src'), 'img-src https://file+.vscode-resource.vscode-cdn.net data:');
    assert.equal(directives.get('font-src'), 'font-src https://file+.vscode-resource.vscode-cdn.net');
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*/);
  });

  it('gives every script and stylesheet the nonce, and loads the bundle', () => {
    const { html, nonce } = render();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2);
    for (const tag of [...scripts, ...(html.match(/<link\b[^>]*>/g) ?? [])])
      assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.match(html, /<script src="[^"]*\/dist\/webview\/outputPanel\.js"/);
    assert.match(html, /<link rel="stylesheet" href="[^"]*\/outputPanel\.css"/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  });

  it('keeps a title that tries to close the script element as data', () => {
    const title = '</script><script>alert(1)</script><!-- \u2028 & "quoted"';
    const { html } = render(title);
    assert.equal((html.match(/<script/gi) ?? []).length, 2, 'no script element comes from the title');
    assert.equal((html.match(/<\/script>/gi) ?? []).length, 2);
    const json = /<script type="application\/json" id="dispatch-initial-state"[^>]*>([^<]*)<\/script>/.exec(
      html,
    )?.[1];
    assert.ok(json, 'the data block holds no "<" at all');
    assert.doesNotMatch(json, /[\u2028\u2029]/);
    assert.equal(
      (JSON.parse(json) as PanelInitialState).task.title,
      title,
      'and parses back to the exact title',
    );
    assert.match(html, /<title>&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('escapes <, >, &, U+2028 and U+2029 in JSON for a script element', () => {
    assert.equal(jsonForScript({ a: '<>&\u2028\u2029' }), '{"a":"\\u003c\\u003e\\u0026\\u2028\\u2029"}');
  });

  it('refuses a nonce or cspSource that could change the policy', () => {
    assert.throws(() => render('t', "abc' 'unsafe-inline"), /nonce/);
    assert.throws(
      () =>
        renderPanelHtml({
          cspSource: "x; script-src 'unsafe-inline'",
          nonce: createNonce(),
          scriptUri: 's.js',
          initialState: initialState('t'),
        }),
      /cspSource/,
    );
    for (const cspSource of ['', "'unsafe-inline'", "https://x.test 'unsafe-eval'", 'a,b']) {
      assert.throws(
        () =>
          renderPanelHtml({
            cspSource,
            nonce: createNonce(),
            scriptUri: 's.js',
            initialState: initialState('t'),
          }),
        /cspSource/,
        cspSource,
      );
    }
  });

  it("accepts the web workbench's list of sources (\"'self' https://*.vscode-cdn.net\")", () => {
    const html = renderPanelHtml({
      cspSource: "'self' https://*.vscode-cdn.net",
      nonce: createNonce(),
      scriptUri: 'https://x.vscode-cdn.net/p.js',
      initialState: initialState('t'),
    });
    assert.match(html, /script-src 'nonce-[^']+'(;|")/, 'scripts still only by nonce');
    assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
  });

  it('links the codicon stylesheet under the id vscode-elements looks for, only when given', () => {
    assert.doesNotMatch(render().html, /codicon/);
    const html = renderPanelHtml({
      cspSource: 'https://x.test',
      nonce: createNonce(),
      scriptUri: 'https://x.test/p.js',
      codiconsUri: 'https://x.test/codicon.css',
      initialState: initialState('t'),
    });
    assert.match(
      html,
      /<link rel="stylesheet" id="vscode-codicon-stylesheet" href="https:\/\/x\.test\/codicon\.css"/,
    );
  });
});
