/**
 * Finds the file a command name would run, the way the OS will: a name with a path separator is
 * taken as a path (relative to the task's folder), a bare name is looked up on PATH (with
 * PATHEXT on Windows). Used before spawning so "not found" is a sentence, not `spawn ENOENT`.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** `notOnPath`: a bare name no PATH folder holds (`problem` then lists the folders searched). */
export type Resolution = { path: string } | { problem: string; notOnPath?: boolean };

export function resolveExecutable(
  command: string,
  options: { env: NodeJS.ProcessEnv; cwd?: string; platform?: NodeJS.Platform },
): Resolution {
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const extensions =
    platform === 'win32'
      ? ['', ...(options.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
      : [''];
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    const full = paths.resolve(options.cwd ?? process.cwd(), command);
    for (const ext of extensions) {
      const problem = checkFile(full + ext, platform);
      if (problem === undefined) return { path: full + ext };
      if (ext === '' && problem !== 'does not exist') return { problem: `${full} ${problem}` };
    }
    return { problem: `${full} does not exist` };
  }
  const dirs = (options.env.PATH ?? options.env.Path ?? '').split(paths.delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = paths.join(dir, command + ext);
      if (checkFile(candidate, platform) === undefined) return { path: candidate };
    }
  }
  const shown =
    dirs.length > 4
      ? `${dirs.slice(0, 4).join(paths.delimiter)}${paths.delimiter}…`
      : dirs.join(paths.delimiter);
  return { problem: `not found on PATH (${shown || 'PATH is empty'})`, notOnPath: true };
}

function checkFile(file: string, platform: NodeJS.Platform): string | undefined {
  try {
    if (statSync(file).isDirectory()) return 'is a folder, not a program';
  } catch {
    return 'does not exist';
  }
  if (platform === 'win32') return undefined;
  try {
    accessSync(file, constants.X_OK);
    return undefined;
  } catch {
    return 'is not executable (chmod +x it)';
  }
}
