// The README's pictures: every ui tier run saves them again into docs/screenshots/, from the same
// steps that test what they show, so they cannot drift from what the extension looks like.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './workbench';

export const SCREENSHOTS_DIR = path.join(repoRoot, 'docs', 'screenshots');

/** docs/screenshots/<name>.png (the folder is made if missing). */
export function screenshotFile(name: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return path.join(SCREENSHOTS_DIR, `${name}.png`);
}
