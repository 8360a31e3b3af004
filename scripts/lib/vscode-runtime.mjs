// Where the VS Code runtime lives: the VS Code server bundled in code-server, installed by
// `npm run setup` into a versioned cache folder outside the repo (it is ~300 MB with native
// modules, so it must survive `git clean` and be shared by every clone on the machine).
// Only node builtins here: scripts/setup.mjs imports this before node_modules exists.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

/** The repository root (this file is scripts/lib/vscode-runtime.mjs). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `${XDG_CACHE_HOME:-~/.cache}/agent-dispatch`: the runtime and the `npm start` demo workspace. */
export function cacheDir() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'agent-dispatch');
}

/** The versioned install folder; DISPATCH_VSCODE_CACHE overrides it (e.g. a CI cache mount). */
export function runtimeDir() {
  return process.env.DISPATCH_VSCODE_CACHE || path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerDir() {
  return path.join(runtimeDir(), 'node_modules', 'code-server');
}

/** Written last by setup, so a missing marker means "absent or half-installed: install again". */
export function markerPath() {
  return path.join(runtimeDir(), '.installed.json');
}

export function isRuntimeInstalled() {
  if (!existsSync(markerPath())) return false;
  try {
    return JSON.parse(readFileSync(markerPath(), 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** The VS Code server entry point, or an error telling the reader how to get it. */
export function serverMainPath() {
  const main = path.join(codeServerDir(), 'lib', 'vscode', 'out', 'server-main.js');
  if (!isRuntimeInstalled() || !existsSync(main)) {
    throw new Error(
      `The VS Code runtime (code-server ${CODE_SERVER_VERSION}) is not installed in ${runtimeDir()}: run \`npm run setup\`.`,
    );
  }
  return main;
}

/** Native pieces that code-server's install scripts must have built; setup checks them all. */
export function nativeArtifacts() {
  const vs = path.join(codeServerDir(), 'lib', 'vscode', 'node_modules');
  return [
    path.join(vs, 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vs, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vs, 'kerberos', 'build', 'Release', 'kerberos.node'),
    path.join(vs, 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    path.join(vs, '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
}
