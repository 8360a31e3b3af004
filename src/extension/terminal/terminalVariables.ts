/**
 * What the integrated terminals' environment gains so `dispatch` runs there: the launcher folder
 * (dist/bin, next to cli.js) in front of PATH, and DISPATCH_NODE, the executable the launcher runs
 * cli.js with. No `vscode` here, so it is unit-tested on the real launcher.
 */
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { messageOf } from '../../core/errors';

export interface TerminalVariables {
  /** Prepended to PATH: the launcher folder and the platform's list separator. */
  pathPrefix: string;
  /**
   * DISPATCH_NODE: the executable running the extension. Recomputed at every activation, since a
   * VS Code update moves it (Electron in desktop VS Code, a real Node under a VS Code server).
   */
  node: string;
  /** The POSIX launcher, which must be executable. */
  launcher: string;
}

export function terminalVariables(input: {
  extensionPath: string;
  execPath: string;
  /** Default path.delimiter. */
  delimiter?: string;
}): TerminalVariables {
  const bin = path.join(input.extensionPath, 'dist', 'bin');
  return {
    pathPrefix: bin + (input.delimiter ?? path.delimiter),
    node: input.execPath,
    launcher: path.join(bin, 'dispatch'),
  };
}

/**
 * Makes `file` executable if it is not (an unpacker that drops file modes would leave
 * `dispatch: Permission denied`). Returns a problem for the log, or undefined when it is fine.
 */
export function ensureExecutable(file: string): string | undefined {
  if (process.platform === 'win32') return undefined; // dispatch.cmd needs no mode
  try {
    accessSync(file, constants.X_OK);
    return undefined;
  } catch {
    // not executable by us: add the bits below
  }
  try {
    chmodSync(file, statSync(file).mode | 0o555);
    return undefined;
  } catch (err) {
    return `the dispatch command may not run in terminals: cannot make ${file} executable: ${messageOf(err)}`;
  }
}
