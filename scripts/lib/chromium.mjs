// Debian's Chromium driven by playwright-core: never a Playwright browser download (no internet).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { onExit } from './on-exit.mjs';

export const CHROMIUM = process.env.DISPATCH_CHROMIUM || '/usr/bin/chromium';

// Flags measured to work headless as root in a container; the ones that would reach the network
// (sync, component updates, QUIC probes) are off so a run never waits on a timeout.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * A browser context with a fresh profile; `close()` also deletes the profile, and runs at exit
 * if the caller never gets to it.
 * @param {{ headless?: boolean, viewport?: { width: number, height: number } }} [options]
 *   headless defaults to true; viewport to 1400×900.
 */
export async function launchChromium(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run \`npm run setup\` (installs the Debian package chromium)`);
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'dispatch-chromium-'));
  const unregister = onExit(() => rmSync(profile, { recursive: true, force: true }));
  // Playwright kills the browsers it launched when this process exits, so only the profile is ours.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: FLAGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch((err) => console.error('closing chromium failed:', err));
      unregister();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
