/**
 * Where a task's git repository stood when the task ended: branch, commit and uncommitted
 * changes, kept in `output/<id>.git.json` for the context of a task that continues or resumes it
 * (core/context.ts). Captured by the engine that finishes the task, before the finishing write,
 * because "when it ended" is the point: by the time a later task starts, the tree may have moved.
 * A folder outside git, or no git installed, simply has no facts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GitFacts } from '../../core/context';
import { writeJsonAtomic } from '../../store';

/** A slow git (a huge tree, a network drive) must not hold up finishing the task for long. */
const GIT_TIMEOUT_MS = 3000;

export function gitFactsPath(outputDir: string, taskId: string): string {
  // Starts with `<id>.` so retention deletes it with the task's other files.
  return path.join(outputDir, `${taskId}.git.json`);
}

/** The repository's state at `cwd` now, or null if `cwd` is not in a git work tree. */
export async function captureGitFacts(cwd: string, timeoutMs = GIT_TIMEOUT_MS): Promise<GitFacts | null> {
  if (!mayBeInGitRepo(cwd)) return null;
  // One git call, not two (status, then rev-parse for the commit): porcelain v2 has both. Its
  // paths would be relative to `cwd`; v1's, and the context's, are relative to the repository.
  const status = await git(
    cwd,
    ['-c', 'status.relativePaths=false', 'status', '--porcelain=v2', '--branch', '--untracked-files=normal'],
    timeoutMs,
  );
  if (status === null) return null;
  const facts: GitFacts = { branch: null, commit: null, changedFiles: [] };
  for (const line of status.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      const oid = line.slice('# branch.oid '.length);
      facts.commit = oid === '(initial)' ? null : oid.slice(0, 12);
    } else if (line.startsWith('# branch.head ')) {
      const head = line.slice('# branch.head '.length);
      facts.branch = head === '(detached)' ? 'detached HEAD' : head;
    } else if (line !== '' && !line.startsWith('#')) {
      facts.changedFiles.push(changedFile(line));
    }
  }
  return facts;
}

export function writeGitFacts(outputDir: string, taskId: string, facts: GitFacts): void {
  writeJsonAtomic(gitFactsPath(outputDir, taskId), facts);
}

/**
 * False only when git could not find a repository from `cwd`: no `.git` (folder or file) in it or
 * any parent, and no GIT_DIR telling git where to look. Spawning git costs the engine ~15 ms of
 * its main thread per call (fork of a large process), two calls per finished task: measured as
 * a fifth of the engine's time in 200 tasks run outside a repository. A stat per level is ~µs.
 */
export function mayBeInGitRepo(cwd: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR) return true;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** The recorded facts, or null when there are none (not a repository, or never captured). */
export function readGitFacts(outputDir: string, taskId: string): GitFacts | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(gitFactsPath(outputDir, taskId), 'utf8'));
  } catch {
    return null; // missing or half-written by a crashed engine: the context goes without it
  }
  const facts = value as Partial<GitFacts> | null;
  if (!facts || !Array.isArray(facts.changedFiles)) return null;
  return {
    branch: typeof facts.branch === 'string' ? facts.branch : null,
    commit: typeof facts.commit === 'string' ? facts.commit : null,
    changedFiles: facts.changedFiles.filter((f): f is string => typeof f === 'string'),
  };
}

/**
 * A porcelain v2 entry as a short "XY path" ("M a.ts", "?? new.ts", "R old.ts -> new.ts"): the
 * column layout and object names mean nothing in a prompt.
 *   1 XY sub mH mI mW hH hI path | 2 XY sub mH mI mW hH hI Xscore path<TAB>orig
 *   u XY sub m1 m2 m3 mW h1 h2 h3 path | ? path | ! path
 */
function changedFile(line: string): string {
  const kind = line[0];
  if (kind === '?' || kind === '!') return `${kind}${kind} ${line.slice(2)}`;
  const fields = line.split(' ');
  const xy = (fields[1] ?? '').replace(/\./g, ' ').trim();
  const rest = fields.slice(kind === '1' ? 8 : kind === '2' ? 9 : 10).join(' ');
  if (kind !== '2') return `${xy} ${rest}`;
  const [to, from] = rest.split('\t');
  return `${xy} ${from} -> ${to}`;
}

function git(cwd: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      // GIT_OPTIONAL_LOCKS=0: status must not take index.lock while the user works in the tree.
      { cwd, timeout: timeoutMs, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 1024 * 1024 },
      (err, stdout) => resolve(err ? null : stdout),
    );
  });
}
