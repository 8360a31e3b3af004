/**
 * Running git for worktrees: an argument array (never a shell), a timeout, and on failure one
 * line that names the command and quotes git's own message ("`git worktree add …` failed: fatal:
 * a branch named 'x' already exists"). Asynchronous, so a slow git never stalls the engine's
 * event loop (which also serves the editor's views).
 */
import { execFile } from 'node:child_process';
import { DispatchError } from '../../core/errors';

/** Generous: a first checkout of a large repository on a slow disk takes a while. */
export const GIT_TIMEOUT_MS = 120_000;

export interface GitOptions {
  cwd: string;
  timeoutMs?: number;
  /** Extra environment (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are answers rather than failures (`git diff --quiet` exits 1 for "differs"). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: string;
  code: number;
}

export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return run(args, options, 'utf8').then(({ stdout, code }) => ({ stdout: stdout as string, code }));
}

/** The same for output that may not be text (a binary file's content). */
export function gitBytes(args: readonly string[], options: GitOptions): Promise<Buffer> {
  return run(args, options, 'buffer').then(({ stdout }) => stdout as Buffer);
}

function run(
  args: readonly string[],
  options: GitOptions,
  encoding: 'utf8' | 'buffer',
): Promise<{ stdout: string | Buffer; code: number }> {
  const okCodes = options.okCodes ?? [0];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
        // Never ask for credentials or an editor: nobody is there to answer.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        encoding,
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        if (!err || okCodes.includes(code)) return resolve({ stdout, code });
        reject(gitError(args, err, String(stderr)));
      },
    );
  });
}

function gitError(
  args: readonly string[],
  err: { code?: string | number | null; killed?: boolean; message: string },
  stderr: string,
): DispatchError {
  const shown = `git ${args.filter((a) => !a.startsWith('--format')).join(' ')}`;
  const command = shown.length > 120 ? `${shown.slice(0, 117)}…` : shown;
  let why: string;
  if (err.code === 'ENOENT') why = 'git is not installed or not on PATH';
  else if (err.killed) why = 'it took too long and was stopped';
  else
    why =
      stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' ')
        .slice(0, 400) || err.message;
  return new DispatchError('git-failed', `\`${command}\` failed: ${why}`, { cause: err });
}
