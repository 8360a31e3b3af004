/**
 * The bundles users run, which is what tests must run: dist/cli.js (the `dispatch` bin, shipped in
 * the .vsix) and dist/supervisor.js (started per task by the extension and the CLI). The test
 * build makes dist/ exactly as the .vsix ships it (`node esbuild.mjs --tests`); out/ only holds
 * modules that tests import in-process.
 */
import path from 'node:path';

/** Compiled to out/test/support/: three levels up is the repository root. */
export const repoRoot = path.resolve(__dirname, '../../..');
export const distDir = path.join(repoRoot, 'dist');
export const cliBundle = path.join(distDir, 'cli.js');
export const supervisorBundle = path.join(distDir, 'supervisor.js');
