// Dispatch: Delegate Task as a person uses it in a workbench window: one input box for the prompt,
// title-bar buttons whose names say their value ("Agent: fake"), each opening a small pick that
// comes back to the box, and Enter.
import type { Locator, Page } from 'playwright-core';
import { quickInput } from './dispatchViews';
import type { WorkbenchWindow } from './workbench';

/** The box itself (not one of its picks): its placeholder asks for the prompt. */
export function delegateBox(page: Page): Locator {
  return page.locator('.quick-input-widget input[placeholder^="What should the agent do?"]');
}

/** A title-bar button of the open quick input, by its name (its tooltip). */
export function titleButton(page: Page, name: string | RegExp): Locator {
  return quickInput(page).widget.getByRole('button', { name });
}

export async function openDelegateBox(win: WorkbenchWindow): Promise<void> {
  await win.runCommand('Dispatch: Delegate Task');
  await delegateBox(win.page).waitFor();
}

/**
 * Presses the button `name`, then the row of its pick holding `row`, and waits for the box to be
 * back. The box's hover (its placeholder) can lie over the title bar while the pointer rests on
 * the input: the pointer goes to the title first.
 */
export async function choose(page: Page, name: string | RegExp, row: string | RegExp): Promise<void> {
  const q = quickInput(page);
  await q.title.hover();
  await page.locator('.context-view .hover-contents').waitFor({ state: 'detached' });
  await titleButton(page, name).click();
  await q.rows.filter({ hasText: row }).first().click();
  await delegateBox(page).waitFor();
}

/** Delegate Task from the palette: the prompt, the picks (button name → row), Enter. */
export async function delegateInBox(
  win: WorkbenchWindow,
  prompt: string,
  picks: readonly [string | RegExp, string | RegExp][] = [],
): Promise<void> {
  await openDelegateBox(win);
  const q = quickInput(win.page);
  await q.input.fill(prompt);
  for (const [name, row] of picks) await choose(win.page, name, row);
  await win.page.keyboard.press('Enter');
  await q.widget.waitFor({ state: 'hidden' });
}
