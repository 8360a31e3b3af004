// The output panel as a person sees it in a VS Code window. VS Code puts each webview in an
// iframe (its webview host page) that holds another iframe with the extension's document; the
// tests find that inner document by the task title in its header and look inside it.
import type { Frame, Page } from 'playwright-core';
import type { WorkbenchWindow } from './workbench';

/** The output panel document whose header shows `title` (waits for it to load). */
export async function outputPanelFrame(page: Page, title: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      // A frame can go away between listing and asking (a hidden panel's document): not it.
      const shown = await frame
        .evaluate(() => document.querySelector('h1.title')?.textContent ?? null)
        .catch(() => null);
      if (shown === title) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no output panel titled "${title}" after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Dispatch: Show Output from the palette, picking the task by its title. */
export async function showOutput(win: WorkbenchWindow, title: string): Promise<Frame> {
  await win.runCommand('Dispatch: Show Output');
  const input = win.page.locator('.quick-input-widget input');
  await input.fill(title);
  await win.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  // Generous: on a loaded 2-core machine a new webview (its service worker included) can take long.
  return outputPanelFrame(win.page, title, 60_000);
}

/** The text of the log rows in the panel's DOM (a virtualized list: about what is on screen). */
export function panelRows(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.row:not(.probe):not([hidden])')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => row.textContent ?? ''),
  );
}
