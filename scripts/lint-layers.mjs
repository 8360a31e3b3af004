// Checks the layer map of CONTRIBUTING.md on every import of src/ and webview-ui/: dependencies
// point downward only (core <- store <- engine <- {cli, extension}), only src/extension imports
// `vscode`, src/protocol is shared by the output panel's host and webview and imports nothing,
// webview-ui imports only src/protocol besides its own files and browser packages, and nothing
// ships code from test/. Run by `npm run lint`; prints one line per violation and exits 1.
//
//   node scripts/lint-layers.mjs [root]     root defaults to the repository
//
// A layer is a top folder (src/<layer>/**), so files may move between sub-folders freely. Imports
// are read with TypeScript's own parser, so `import type`, `export … from`, multi-line imports,
// `import()`, `require()` and `import('…').Type` all count, and comments or strings do not.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Which layers each layer may import (its own included). */
const ALLOWED = {
  core: ['core'],
  store: ['core', 'store'],
  engine: ['core', 'store', 'engine'],
  cli: ['core', 'store', 'engine', 'cli'],
  extension: ['core', 'store', 'engine', 'extension', 'protocol'],
  protocol: ['protocol'],
  'webview-ui': ['protocol', 'webview-ui'],
};
const LAYER_DIR = (layer) => (layer === 'webview-ui' || layer === 'src' ? layer : `src/${layer}`);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const BUILTINS = new Set(builtinModules);

/**
 * The layer a repository-relative path belongs to: a src/ top folder, webview-ui, test, or none.
 * `src/store` itself is the store layer (an import of its index); a file directly in src/ is in none.
 */
function layerOf(rel, isFolder = false) {
  const parts = rel.split('/');
  if (parts[0] === 'src') return parts.length > 2 || (parts.length === 2 && isFolder) ? parts[1] : 'src';
  if (parts[0] === 'webview-ui') return 'webview-ui';
  if (parts[0] === 'test') return 'test';
  return undefined;
}

function isFolder(file) {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // a tree without webview-ui, say
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module specifier in a file, with its 1-based line. */
function importsOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node) => {
    if (node && ts.isStringLiteralLike(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ specifier: node.text, line });
    }
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What an import reaches: a layer (for a relative path), or a package. */
function targetOf(root, file, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const resolved = path.resolve(path.dirname(file), specifier);
    const rel = path.relative(root, resolved).split(path.sep).join('/');
    return { layer: layerOf(rel, isFolder(resolved)) ?? rel };
  }
  const bare = specifier.replace(/^node:/, '');
  return { package: specifier, builtin: BUILTINS.has(bare) || specifier.startsWith('node:') };
}

/** The rule an import breaks, or undefined. */
function violation(layer, target) {
  if (!(layer in ALLOWED))
    return layer === 'src'
      ? 'a file directly in src/ belongs to no layer: move it into a layer folder'
      : `${LAYER_DIR(layer)} is not in the layer map (CONTRIBUTING.md): add it there and here`;
  if (target.package !== undefined) {
    if (target.package === 'vscode' && layer !== 'extension') return 'only src/extension may import vscode';
    if (layer === 'webview-ui' && target.builtin)
      return 'webview-ui runs in a browser: it may import only src/protocol, its own files and browser packages';
    if (layer === 'protocol') return 'src/protocol holds shared types only and imports nothing';
    return undefined;
  }
  if (ALLOWED[layer].includes(target.layer)) return undefined;
  if (target.layer === 'test') return 'shipped code must not import from test/';
  if (target.layer === 'protocol') return 'only src/extension and webview-ui import src/protocol';
  const may = ALLOWED[layer].map(LAYER_DIR).join(', ');
  if (layer === 'webview-ui')
    return `webview-ui may import only src/protocol and its own files (not ${target.layer})`;
  return `${LAYER_DIR(layer)} may import only ${may}`;
}

export function checkLayers(root) {
  const problems = [];
  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'webview-ui'))];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const layer = layerOf(rel);
    if (!(layer in ALLOWED)) {
      problems.push(`${rel}:1: ${violation(layer, {})}`);
      continue;
    }
    for (const { specifier, line } of importsOf(file, readFileSync(file, 'utf8'))) {
      const target = targetOf(root, file, specifier);
      const rule = violation(layer, target);
      if (!rule) continue;
      const what = target.package ?? `${specifier} (${target.layer})`;
      problems.push(`${rel}:${line}: imports ${what}: ${rule}`);
    }
  }
  return { files: files.length, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, problems } = checkLayers(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`layers: ${problems.length} break(s) of the layer map (CONTRIBUTING.md)`);
    process.exit(1);
  }
  console.log(`layers: ${files} files follow the layer map`);
}
