// Builds every entry point of Agent Dispatch.
//   node esbuild.mjs               dist/: extension, supervisor, CLI, webview (development)
//   node esbuild.mjs --production  the same, minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild dist/ on change
//   node esbuild.mjs --tests       the production dist/ plus out/: src and test transpiled file by
//                                  file, for tests that import modules in-process
// Tests run dist/ as the .vsix ships it (the CLI, the supervisor, the extension in VS Code), so
// --tests builds it exactly as --production does: a test of any other bytes proves nothing.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const tests = args.has('--tests');
const production = args.has('--production') || tests;

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // A package's ESM entry first. Its `main` is often a UMD or CommonJS build whose factory calls
  // require() on its own files at run time (jsonc-parser does): esbuild cannot follow those, so
  // the bundle would look for files that only exist in node_modules, which nobody installs next
  // to dist/. ESM imports are static, so every file gets bundled. Packages with an `exports` map
  // resolve through esbuild's default conditions (node, module, import/require), which already
  // prefer ESM.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/**
 * `vscode` imported once. esbuild turns each `import * as vscode from 'vscode'` of an external
 * CommonJS module into its own copy of the whole API object (`__toESM`), one per importing module:
 * a profile of the bundle's load put ~31 ms on those copies (BENCHMARKS.md). Every import
 * resolves instead to one module that re-exports the real one, so the copy is made once.
 * @type {import('esbuild').Plugin}
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  // The extension: `vscode` is provided by the extension host.
  {
    ...nodeCommon,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [vscodeOnce],
  },
  // The task supervisor: started detached per task, must not depend on the extension bundle.
  // Always minified: it starts once per task, so its parse time is on every task's critical path.
  {
    ...nodeCommon,
    entryPoints: { supervisor: 'src/engine/supervisor/main.ts' },
    outdir: 'dist',
    minify: true,
  },
  // The `dispatch` command-line tool.
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(require('./package.json').version) },
  },
  // The output panel's front end runs in the webview (a browser).
  {
    ...nodeCommon,
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'], // esbuild's default for the browser
    format: 'iife',
    target: 'es2022',
    entryPoints: { outputPanel: 'webview-ui/src/main.ts' },
    outdir: 'dist/webview',
  },
];

function copyWasm(toDir) {
  mkdirSync(toDir, { recursive: true });
  copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), path.join(toDir, 'sql-wasm.wasm'));
}

// The panel's button icons. The .vsix is packaged with --no-dependencies, so the codicon font
// ships next to the webview bundle (the one folder a panel may load from).
function copyCodicons(toDir) {
  mkdirSync(toDir, { recursive: true });
  const from = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  for (const file of ['codicon.css', 'codicon.ttf'])
    copyFileSync(path.join(from, file), path.join(toDir, file));
}

// `dispatch` for terminals: the launchers in src/cli/bin run ../cli.js, so they sit in dist/bin.
// The sh launcher must stay executable (vsce keeps the mode in the .vsix; activation re-checks).
function copyLaunchers(toDir) {
  mkdirSync(toDir, { recursive: true });
  for (const file of ['dispatch', 'dispatch.cmd']) {
    copyFileSync(path.join(root, 'src', 'cli', 'bin', file), path.join(toDir, file));
    chmodSync(path.join(toDir, file), 0o755);
  }
}

function listTs(dir) {
  const found = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) found.push(...listTs(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(rel);
  }
  return found;
}

async function main() {
  if (!watch) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  copyWasm(path.join(root, 'dist'));
  copyCodicons(path.join(root, 'dist', 'webview'));
  copyLaunchers(path.join(root, 'dist', 'bin'));
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('esbuild: watching for changes');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (tests) {
    // Tests import modules one by one, so transpile file by file keeping the tree (out/src, out/test).
    rmSync(path.join(root, 'out'), { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [...listTs('src'), ...listTs('webview-ui/src'), ...listTs('test')],
      outdir: 'out',
      outbase: '.',
      bundle: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
      absWorkingDir: root,
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
