/**
 * The output panel's front end (runs in the webview). Composes and nothing else: reads the
 * initial state from the page, connects to the host once, installs the listeners, and only then
 * posts webview/ready — the host sends nothing before it.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './styles.css';
import type { PanelInitialState } from '../../src/protocol/outputPanel';
import { OutputPanel } from './panel';
import { connectToHost } from './vscodeApi';

// Lit adds <style> elements only where constructable stylesheets are missing; give them the
// page's nonce so the CSP admits them there too.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce;
if (nonce) (globalThis as { litNonce?: string }).litNonce = nonce;

function readInitialState(): PanelInitialState | null {
  const element = document.getElementById('dispatch-initial-state');
  try {
    return element?.textContent ? (JSON.parse(element.textContent) as PanelInitialState) : null;
  } catch (err) {
    console.error('dispatch: unreadable initial state', err);
    return null;
  }
}

const host = connectToHost();
const panel = new OutputPanel({ host, root: document.body, initial: readInitialState() });
host.onMessage((message) => panel.handle(message));
window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
    event.preventDefault();
    panel.openFind();
  }
});
host.post(panel.readyMessage());
