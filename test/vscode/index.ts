// Entry point of the vscode tier inside the extension host: the @vscode/test-electron contract
// (`run(): Promise<void>` that runs mocha), so the same suite also runs under desktop VS Code.
// Here scripts/lib/run-vscode-tier.mjs loads it through the workbench URL's extensionTestsPath.
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
// Mocha 11 on purpose: mocha 12 is ESM-only and the extension host loads tests with require().
import Mocha from 'mocha';

// scripts/lib/run-vscode-tier.mjs shows the host's console between these two lines only.
const MOCHA_START = '[vscode tier] mocha starting';
const MOCHA_END = '[vscode tier] mocha finished';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  // While working on one area: DISPATCH_TEST_GREP=notifications npm run test:vscode (the server's
  // environment reaches the extension host).
  const grep = process.env.DISPATCH_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  for (const file of findTests(__dirname)) mocha.addFile(file);
  console.log(MOCHA_START);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The counts go to a file rather than being parsed from the forwarded console output, which
      // other extensions' logs can interleave with. Absent outside the tier runner (test-electron).
      const resultFile = process.env.DISPATCH_VSCODE_RESULT;
      const { passes = 0, failures: failed = failures } = runner.stats ?? {};
      if (resultFile) writeFileSync(resultFile, JSON.stringify({ passed: passes, failed }));
      console.log(MOCHA_END);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
