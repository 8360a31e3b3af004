/**
 * Shared set-up for the output panel webview tests (test/ui/webview/*.test.ts): one Chromium
 * harness per suite, one panel per test, and small builders for the host's messages.
 */
import type { OutputChunk, OutputStream } from '../../src/protocol/outputPanel';
import { makeTask, type OpenOptions, type PanelPage, WebviewHarness } from './webviewHarness';

let offset = 0;
export function chunk(text: string, stream: OutputStream = 'stdout', at = Date.now()): OutputChunk {
  const c = { stream, at, offset, text };
  offset += text.length;
  return c;
}

export const numbered = (from: number, to: number, prefix = 'line') =>
  Array.from({ length: to - from }, (_, i) => `${prefix} ${from + i}\n`).join('');

export async function init(
  p: PanelPage,
  chunks: OutputChunk[],
  over: { hasOlder?: boolean; task?: object } = {},
): Promise<void> {
  await p.send({
    type: 'host/init',
    mode: 'raw',
    task: makeTask(over.task),
    chunks,
    hasOlder: over.hasOlder ?? false,
    truncatedBytes: 0,
  });
}

/** Registers the suite's hooks; `open()` gives a fresh panel that is closed after the test. */
export function usePanelHarness(): {
  open(options?: OpenOptions): Promise<PanelPage & { close(): Promise<void> }>;
} {
  let harness: WebviewHarness;
  let panel: (PanelPage & { close(): Promise<void> }) | undefined;
  before(async () => {
    harness = await WebviewHarness.start();
  });
  after(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });
  return {
    async open(options) {
      panel = await harness.open(options);
      return panel;
    },
  };
}
