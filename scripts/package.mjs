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
// --no-rewrite-relative-links: vsce makes README links absolute from package.json's repository URL
// and refuses to package when it cannot (the URL is a placeholder for now). The extension details
// page only loads https images, so the README's screenshot shows once a real repository URL is set
// and this flag is dropped.
const args = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsixPath];
const run = spawnSync(process.execPath, [vsce, ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(
  `package: ${path.relative(repoRoot, vsixPath)} (${Math.round(statSync(vsixPath).size / 1024)} KB)`,
);
