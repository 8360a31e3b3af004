// What an installed .vsix holds, checked against what it must hold: the bundles and their assets,
// nothing from the sources, tests or node_modules, and dist/ byte for byte the dist/ of this
// checkout (the bytes every test tier ran).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REQUIRED = [
  'package.json',
  'dist/extension.js',
  'dist/supervisor.js',
  'dist/cli.js',
  'dist/bin/dispatch',
  'dist/bin/dispatch.cmd',
  'dist/sql-wasm.wasm',
  'dist/webview/outputPanel.js',
  'dist/webview/codicon.css',
  'dist/webview/codicon.ttf',
];
const FORBIDDEN = /^(src|test|out|scripts|node_modules|webview-ui)\/|\.map$|\.ts$/;

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir, prefix = '') {
  const found = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFiles(dir, rel));
    else found.push(rel);
  }
  return found.sort();
}

/**
 * Problems with the extension folder `installed` (empty when there are none).
 * @param {string} installed the folder VS Code unpacked the .vsix into
 * @param {string} distDir this checkout's dist/
 */
export function contentProblems(installed, distDir) {
  const files = listFiles(installed);
  const problems = [];
  for (const file of REQUIRED) if (!files.includes(file)) problems.push(`${file} is missing`);
  for (const file of files.filter((f) => FORBIDDEN.test(f))) problems.push(`${file} should not ship`);
  const shipped = files.filter((f) => f.startsWith('dist/'));
  const built = listFiles(distDir)
    .filter((f) => !f.endsWith('.map'))
    .map((f) => `dist/${f}`);
  for (const file of built.filter((f) => !shipped.includes(f)))
    problems.push(`${file} is built but not shipped`);
  for (const file of shipped) {
    const local = path.join(distDir, file.slice('dist/'.length));
    let same = false;
    try {
      same = readFileSync(local).equals(readFileSync(path.join(installed, file)));
    } catch {
      // not in ./dist: reported below
    }
    if (!same) problems.push(`${file} differs from ./${file}: the tests ran other bytes (repackage)`);
  }
  return { files, problems };
}
