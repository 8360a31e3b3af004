// The README's pictures: every ui tier run saves them again into docs/screenshots/, from the same
// steps that test what they show, so they cannot drift from what the extension looks like.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, type WorkbenchWindow } from './workbench';

export const SCREENSHOTS_DIR = path.join(repoRoot, 'docs', 'screenshots');

/** docs/screenshots/<name>.png (the folder is made if missing). */
export function screenshotFile(name: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return path.join(SCREENSHOTS_DIR, `${name}.png`);
}

/** After each failed test, the window as it was, in test-results/ui/failed-<test title>.png. */
export function screenshotFailures(window: () => WorkbenchWindow | undefined): void {
  afterEach(async function () {
    const win = window();
    if (this.currentTest?.state !== 'failed' || !win) return;
    const name = this.currentTest.title.replace(/[^\w-]+/g, '-').slice(0, 60);
    await win.screenshot(path.join(repoRoot, 'test-results', 'ui', `failed-${name}.png`)).catch(() => {});
  });
}
