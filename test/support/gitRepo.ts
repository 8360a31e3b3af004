/**
 * A real git repository for the editor tiers' worktree tests: files, one commit, and git run
 * with an identity (a fresh machine has none configured).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const IDENTITY = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};

export class GitRepo {
  /** Makes `dir` a repository on branch main whose first commit holds `files`. */
  constructor(
    readonly dir: string,
    files: Record<string, string>,
  ) {
    mkdirSync(dir, { recursive: true });
    this.git('init', '-q', '-b', 'main');
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'initial');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...IDENTITY },
    });
  }

  write(rel: string, text: string): void {
    const file = path.join(this.dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  read(rel: string): string {
    return readFileSync(path.join(this.dir, rel), 'utf8');
  }

  /** Local branch names. */
  branches(): string[] {
    return this.git('branch', '--format=%(refname:short)').trim().split('\n').filter(Boolean);
  }
}
