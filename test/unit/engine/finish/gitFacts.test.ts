import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  captureGitFacts,
  gitFactsPath,
  mayBeInGitRepo,
  readGitFacts,
  writeGitFacts,
} from '../../../../src/engine/finish/gitFacts';
import { cleanTempDirs, tempDir } from '../../store/harness';

function gitRepo(): string {
  const dir = tempDir('dispatch-git-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  git('init', '-q', '-b', 'feature/x');
  writeFileSync(path.join(dir, 'a.txt'), 'one\n');
  git('add', 'a.txt');
  git('commit', '-q', '-m', 'first');
  return dir;
}

describe('engine/finish/gitFacts', () => {
  afterEach(cleanTempDirs);

  it('records branch, commit and uncommitted changes, from a subfolder too', async () => {
    const repo = gitRepo();
    writeFileSync(path.join(repo, 'a.txt'), 'two\n');
    writeFileSync(path.join(repo, 'new.txt'), 'new\n');
    mkdirSync(path.join(repo, 'sub'));
    const facts = await captureGitFacts(path.join(repo, 'sub'));
    assert.equal(facts?.branch, 'feature/x');
    assert.match(facts?.commit ?? '', /^[0-9a-f]{12}$/);
    assert.deepEqual(facts?.changedFiles, ['M a.txt', '?? new.txt']);
  });

  it('has no facts outside a repository or in a missing folder', async () => {
    assert.equal(await captureGitFacts(tempDir()), null);
    assert.equal(await captureGitFacts('/no/such/folder'), null);
  });

  it('looks for .git upwards before spawning git, unless GIT_DIR says where it is', () => {
    const repo = gitRepo();
    mkdirSync(path.join(repo, 'sub', 'deep'), { recursive: true });
    assert.equal(mayBeInGitRepo(path.join(repo, 'sub', 'deep')), true);
    const outside = tempDir();
    assert.equal(mayBeInGitRepo(outside, {}), false);
    assert.equal(mayBeInGitRepo(outside, { GIT_DIR: path.join(repo, '.git') }), true);
    // A worktree or submodule has a .git file, not a folder.
    writeFileSync(path.join(outside, '.git'), 'gitdir: /elsewhere\n');
    assert.equal(mayBeInGitRepo(outside, {}), true);
  });

  it('reports a detached HEAD, renames and staged changes', async () => {
    const repo = gitRepo();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    const commit = git('rev-parse', 'HEAD').trim();
    git('checkout', '-q', '--detach');
    git('mv', 'a.txt', 'b c.txt');
    const facts = await captureGitFacts(repo);
    assert.deepEqual(facts, {
      branch: 'detached HEAD',
      commit: commit.slice(0, 12),
      changedFiles: ['R a.txt -> b c.txt'],
    });
  });

  it('names an unborn branch', async () => {
    const dir = tempDir('dispatch-git-');
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    assert.deepEqual(await captureGitFacts(dir), { branch: 'main', commit: null, changedFiles: [] });
  });

  it('round-trips the sidecar, and reads a damaged or missing one as no facts', () => {
    const out = tempDir();
    const facts = { branch: 'main', commit: 'abc', changedFiles: ['M a'] };
    writeGitFacts(out, 'task1', facts);
    assert.deepEqual(readGitFacts(out, 'task1'), facts);
    assert.equal(readGitFacts(out, 'nope'), null);
    writeFileSync(gitFactsPath(out, 'bad'), '{"branch":');
    assert.equal(readGitFacts(out, 'bad'), null);
  });
});
