// npm run package: dist-vsix/agent-dispatch.vsix. vsce runs `vscode:prepublish` (the production
// build) itself; .vscodeignore keeps the package to package.json, docs, media and dist/ without maps.
// vsce does not create the output folder, hence this script rather than a one-line npm script.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/vscode-runtime.mjs';

const vsixPath = path.join(repoRoot, 'dist-vsix', 'agent-dispatch.vsix');

mkdirSync(path.dirname(vsixPath), { recursive: true });
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(
  `package: ${path.relative(repoRoot, vsixPath)} (${Math.round(statSync(vsixPath).size / 1024)} KB)`,
);
