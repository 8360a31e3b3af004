/**
 * Tasks in their own git worktree (issue 14): the rules that need no git. A task asks for one at
 * delegate time — the base commit is HEAD then — and gets `<root>/<task id>` on a new branch
 * `dispatch/<task id>` when it starts. A reply shares the worktree of the task it replies to, so
 * it runs where the earlier run left its edits. What git says about the worktree (its changes,
 * applying them) lives in engine/worktrees/.
 */
import path from 'node:path';

/** What a new task asks for: a fresh worktree under `root` from `base`, or an existing one. */
export type WorktreeRequest =
  | { root: string; base: string }
  | { share: { path: string; branch: string; base: string } };

export interface PlannedWorktree {
  path: string;
  branch: string;
  base: string;
}

export function worktreeBranchFor(taskId: string): string {
  return `dispatch/${taskId}`;
}

/** Where a task's worktree goes, once its id is known (in the write that creates it). */
export function plannedWorktree(taskId: string, request: WorktreeRequest): PlannedWorktree {
  if ('share' in request) return { ...request.share };
  return { path: path.join(request.root, taskId), branch: worktreeBranchFor(taskId), base: request.base };
}

/** A task creates its worktree when the branch is its own; a reply finds the one it shares. */
export function ownsWorktree(task: { id: string; worktreeBranch: string | null }): boolean {
  return task.worktreeBranch === worktreeBranchFor(task.id);
}

/**
 * The agent's folder inside the worktree: the task's folder relative to its repository, so a task
 * delegated from `repo/packages/a` runs in `<worktree>/packages/a`.
 */
export function folderInWorktree(worktree: string, repoRoot: string, folder: string): string {
  const inside = path.relative(repoRoot, folder);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return worktree;
  return path.join(worktree, inside);
}

/**
 * `dispatch.worktree.copyFiles` as a test on repository-relative paths (forward slashes), with
 * the rules of `.gitignore` that users know: a pattern without a `/` matches a file name in any
 * folder, one with a `/` a path from the repository root; `*` and `?` stay within a name, `**`
 * crosses folders.
 */
export function copyFilesMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const tests = patterns
    .map((p) => p.trim().replace(/^\.\//, ''))
    .filter((p) => p !== '' && !p.startsWith('#'))
    .map((pattern) => {
      const anchored = pattern.includes('/');
      const body = globToRegExp(pattern.replace(/^\//, ''));
      const re = new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`);
      return (p: string) => re.test(p);
    });
  return (relPath) => tests.some((test) => test(relPath));
}

function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'type-changed';

/** One file a task changed, against its base. Binary files count no lines. */
export interface ChangedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  status: ChangeStatus;
  insertions: number;
  deletions: number;
  binary: boolean;
}

export interface ChangeSummary {
  files: number;
  insertions: number;
  deletions: number;
}

/**
 * Joins `git diff --name-status -z --no-renames` and `git diff --numstat -z --no-renames` of the
 * same two trees into one list (renames off: a rename is a delete and an add, which is also how
 * the editor's diff shows it).
 */
export function parseChanges(nameStatus: string, numstat: string): ChangedFile[] {
  const counts = new Map<string, { insertions: number; deletions: number; binary: boolean }>();
  for (const entry of numstat.split('\0')) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(entry.replace(/^\n/, ''));
    if (!match) continue;
    const binary = match[1] === '-';
    counts.set(match[3]!, {
      insertions: binary ? 0 : Number(match[1]),
      deletions: binary ? 0 : Number(match[2]),
      binary,
    });
  }
  const fields = nameStatus.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const code = fields[i]!.replace(/^\n/, '');
    const file = fields[i + 1]!;
    if (code === '') continue;
    const status: ChangeStatus =
      code === 'A' ? 'added' : code === 'D' ? 'deleted' : code === 'T' ? 'type-changed' : 'modified';
    files.push({
      path: file,
      status,
      ...(counts.get(file) ?? { insertions: 0, deletions: 0, binary: false }),
    });
  }
  return files;
}

export function summarizeChanges(files: readonly ChangedFile[]): ChangeSummary {
  let insertions = 0;
  let deletions = 0;
  for (const f of files) {
    insertions += f.insertions;
    deletions += f.deletions;
  }
  return { files: files.length, insertions, deletions };
}

/** "1 file changed, +3 -0", "4 files changed, +10 -2": said the same by the CLI, MCP and the chat tools. */
export function changeSummaryText(summary: ChangeSummary): string {
  return `${summary.files} file${summary.files === 1 ? '' : 's'} changed, +${summary.insertions} -${summary.deletions}`;
}
