// The Dispatch views as a person sees them in a workbench window: the activity bar container,
// a view's pane by name, its rows, and quick input steps.
import type { Locator, Page } from 'playwright-core';

/** Opens the Dispatch container (if it is not open) and returns the pane of the view `name`. */
export async function dispatchView(page: Page, name: 'Workers' | 'Tasks' | 'Schedules'): Promise<Locator> {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: name }) });
  if (!(await pane.isVisible()))
    await page.locator('.activitybar .action-item a[aria-label="Dispatch"]').click();
  await pane.waitFor();
  return pane;
}

/** The tree row in `pane` whose text contains `text`. */
export function row(pane: Locator, text: string | RegExp): Locator {
  return pane.locator('.monaco-list-row', { hasText: text });
}

/** The open quick input (palette, pick or input box). */
export function quickInput(page: Page): { widget: Locator; input: Locator; title: Locator; rows: Locator } {
  const widget = page.locator('.quick-input-widget');
  return {
    widget,
    input: widget.locator('input'),
    title: widget.locator('.quick-input-title'),
    rows: widget.locator('.quick-input-list .monaco-list-row'),
  };
}

/** A notification toast whose text contains `text`. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Drags the side bar's edge to make it `width` pixels wide (descriptions show in full). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const edge = { x: box.x + box.width - 1, y: box.y + box.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, edge.y, { steps: 5 });
  await page.mouse.up();
}

/** Collapses the view `name` to its header, leaving the others more room (rows out of sight are not rendered). */
export async function collapseView(page: Page, name: 'Workers' | 'Tasks' | 'Schedules'): Promise<void> {
  const header = page.locator('.part.sidebar .pane-header', { hasText: name });
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
}
