import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GitWorkspace } from '../fixtures/gitWorkspace';

/** Worktree tasks end to end: real git, a real `dispatch worker`, the CLI as users run it. */
describe('multiprocess: tasks in git worktrees', function () {
  this.timeout(120_000);
  let ws: GitWorkspace;

  afterEach(async () => {
    await ws?.dispose();
  });

  it('two parallel tasks edit the same file, each in its own worktree on its own branch', async () => {
    ws = new GitWorkspace({ 'dispatch.maxWorkers': 2 });
    ws.workers.startWorker(ws.dir);
    // Each waits until both have started, so they really run at the same time. The marks go in
    // the folder that holds both worktrees, so they are no change of either.
    const both =
      'touch "../$DISPATCH_TASK_ID.started"; while [ $(ls ../*.started | wc -l) -lt 2 ]; do sleep 0.05; done';
    const first = ws.delegate(`${both}; echo first >> a.txt`, '--worktree');
    const second = ws.delegate(`${both}; echo second >> a.txt`, '--worktree');
    const [one, two] = [ws.finished(first), ws.finished(second)];
    assert.equal(one.state, 'completed', ws.log(first));
    assert.equal(two.state, 'completed', ws.log(second));
    assert.notEqual(one.worktree.path, two.worktree.path);
    assert.deepEqual([one.worktree.branch, two.worktree.branch], [`dispatch/${first}`, `dispatch/${second}`]);
    assert.ok(ws.branches().includes(`dispatch/${first}`) && ws.branches().includes(`dispatch/${second}`));
    assert.match(readFileSync(path.join(one.worktree.path, 'a.txt'), 'utf8'), /five\nfirst\n$/);
    assert.match(readFileSync(path.join(two.worktree.path, 'a.txt'), 'utf8'), /five\nsecond\n$/);
    assert.equal(ws.read('a.txt'), 'one\ntwo\nthree\nfour\nfive\n', 'the workspace is untouched');
  });

  it('diff shows the commits the agent made, its uncommitted edits and its new files, against the base', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate(
      [
        'echo committed > committed.txt && git add committed.txt',
        'git -c user.name=a -c user.email=a@a commit -qm agent',
        'sed -i s/two/TWO/ a.txt',
        'echo untracked > src/new.txt',
        'mkdir -p build && echo ignored > build/out.txt',
      ].join(' && '),
      '--worktree',
    );
    const shown = ws.finished(id);
    assert.equal(shown.state, 'completed', ws.log(id));
    assert.deepEqual(shown.changes, { files: 3, insertions: 3, deletions: 1 });
    assert.equal(shown.applied, false);
    const stat = ws.cli('diff', id, '--stat');
    assert.equal(stat.status, 0, stat.stderr);
    assert.match(stat.stdout, /3 files changed, 3 insertions\(\+\), 1 deletion\(-\)/);
    const patch = ws.cli('diff', id).stdout;
    assert.match(patch, /\+\+\+ b\/committed\.txt\n@@ .* @@\n\+committed/);
    assert.match(patch, /-two\n\+TWO/);
    assert.match(patch, /\+\+\+ b\/src\/new\.txt/);
    assert.doesNotMatch(patch, /build\/out\.txt/, 'ignored files are not changes');
    // The worktree's own index was not used to compute this: the edits are still unstaged there.
    const status = ws.git('-C', shown.worktree.path, 'status', '--porcelain');
    assert.match(status, /^ M a\.txt$/m);
    assert.match(status, /^\?\? src\/new\.txt$/m);
  });

  it("apply merges the changes into the workspace as uncommitted changes, beside the user's own edits", async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('sed -i s/four/FOUR/ a.txt && echo hello > src/hello.txt', '--worktree');
    assert.equal(ws.finished(id).state, 'completed', ws.log(id));
    ws.write('a.txt', 'ONE\ntwo\nthree\nfour\nfive\n'); // the user's edit, elsewhere in the same file
    ws.git('add', 'a.txt'); // …staged: apply must leave the index alone
    const staged = ws.git('diff', '--cached');
    const result = ws.cli('apply', id);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /applied 2 files: a\.txt, src\/hello\.txt/);
    assert.equal(ws.read('a.txt'), 'ONE\ntwo\nthree\nFOUR\nfive\n');
    assert.equal(ws.read('src/hello.txt'), 'hello\n');
    assert.equal(ws.git('diff', '--cached'), staged, 'the index is as the user left it');
    assert.equal(ws.git('log', '--oneline').trim().split('\n').length, 1, 'no commit was made');
    const shown = ws.show(id);
    assert.equal(shown.applied, true);
    assert.ok(shown.appliedAt);
  });

  it('a conflicting apply changes nothing, names the files and exits 1', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate(
      'sed -i s/two/task/ a.txt && echo b > src/b.txt && echo new > fresh.txt',
      '--worktree',
    );
    assert.equal(ws.finished(id).state, 'completed', ws.log(id));
    ws.write('a.txt', 'one\nuser\nthree\nfour\nfive\n');
    ws.write('src/b.txt', 'user bee\n');
    const before = ws.git('status', '--porcelain');
    const result = ws.cli('apply', id);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /conflict with the workspace in a\.txt, src\/b\.txt; nothing was changed/);
    assert.equal(ws.read('a.txt'), 'one\nuser\nthree\nfour\nfive\n');
    assert.equal(ws.read('src/b.txt'), 'user bee\n');
    assert.equal(existsSync(path.join(ws.dir, 'fresh.txt')), false, 'not even the file without a conflict');
    assert.equal(ws.git('status', '--porcelain'), before);
    assert.equal(ws.show(id).applied, false);
  });

  it('discard removes the worktree and its branch, and refuses while the task has not ended', async () => {
    ws = new GitWorkspace();
    const waiting = ws.delegate('true', '--worktree');
    const refused = ws.cli('discard', waiting);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /cannot discard .* yet: it is queued/);
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('echo x >> a.txt', '--worktree');
    const shown = ws.finished(id);
    assert.ok(existsSync(shown.worktree.path));
    const result = ws.cli('discard', id);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(shown.worktree.path), false);
    assert.ok(!ws.branches().includes(`dispatch/${id}`));
    assert.ok(!ws.worktrees().some((w) => w.endsWith(id)));
    assert.equal(ws.show(id).discarded, true);
    assert.match(ws.cli('diff', id).stderr, /was discarded/);
  });

  it('copies ignored files that match dispatch.worktree.copyFiles, and only those', async () => {
    ws = new GitWorkspace();
    ws.write('.env', 'TOKEN=root\n');
    ws.write('src/.env.local', 'TOKEN=src\n');
    ws.write('build/cache.bin', 'not wanted\n');
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('cat .env src/.env.local; ls build 2>&1 || true', '--worktree');
    const shown = ws.finished(id);
    assert.equal(shown.state, 'completed', ws.log(id));
    const log = ws.log(id);
    assert.match(log, /TOKEN=root\nTOKEN=src\n/);
    assert.match(log, /No such file or directory/, 'build/ was not copied');
    assert.deepEqual(shown.changes, { files: 0, insertions: 0, deletions: 0 }, 'copied files are no changes');
  });

  it('runs the setup command in the worktree first; when it fails the task fails with reason setup', async () => {
    ws = new GitWorkspace({
      'dispatch.worktree.setupCommand': 'echo preparing in $(basename "$PWD"); exit 7',
    });
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('echo the agent ran', '--worktree');
    const shown = ws.finished(id);
    assert.equal(shown.state, 'failed');
    // In words (the exit record keeps the code, `setup`).
    assert.match(shown.reason, /^the setup command exited with code 7: preparing in /);
    const log = ws.log(id);
    assert.match(log, new RegExp(`preparing in ${id}`), 'its output is in the task log');
    assert.doesNotMatch(log, /the agent ran/);
  });

  it('--worktree for a folder outside a git repository exits 2 with one line', () => {
    ws = new GitWorkspace();
    const outside = path.dirname(ws.dir);
    const result = ws.cli('delegate', 'true', '--agent', 'shell', '--worktree', '--cwd', outside);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /is not in a git repository: a worktree needs one/);
    assert.match(ws.cli('list').stdout, /^no tasks/, 'nothing was queued');
  });

  it('says once that uncommitted changes are not in the worktree, and runs from HEAD', async () => {
    ws = new GitWorkspace();
    const head = ws.git('rev-parse', 'HEAD').trim();
    ws.write('a.txt', 'dirty\n');
    const result = ws.cli('delegate', 'cat a.txt', '--agent', 'shell', '--worktree');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /uncommitted changes; \w+ runs in a worktree made from HEAD/);
    const id = result.stdout.trim();
    ws.workers.startWorker(ws.dir);
    const shown = ws.finished(id);
    assert.equal(shown.worktree.base, head);
    // The shell agent may say first that autonomy does not apply to a command line.
    assert.match(ws.log(id), /^(dispatch: the shell agent ignores the autonomy level.*\n)?one\ntwo/);
  });

  it('a retry gets a fresh worktree from the same base, even after HEAD moved', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('cat a.txt; echo retried >> a.txt', '--worktree');
    const first = ws.finished(id);
    ws.write('a.txt', 'moved on\n');
    ws.commit('later work');
    const retry = ws.cli('retry', id);
    assert.equal(retry.status, 0, retry.stderr);
    const again = ws.finished(retry.stdout.trim());
    assert.equal(again.state, 'completed');
    assert.equal(again.worktree.base, first.worktree.base);
    assert.notEqual(again.worktree.path, first.worktree.path);
    assert.equal(again.worktree.branch, `dispatch/${again.id}`);
    assert.match(
      ws.log(again.id),
      /^(dispatch: the shell agent ignores the autonomy level.*\n)?one\ntwo/,
      'it starts from the base, not from the new HEAD',
    );
    assert.deepEqual(again.changes, { files: 1, insertions: 1, deletions: 0 });
  });

  it('a reply runs in the worktree of the task it answers, on top of its edits', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const id = ws.delegate('echo first >> a.txt', '--worktree');
    const first = ws.finished(id);
    const reply = ws.cli('reply', id, 'echo second >> a.txt');
    assert.equal(reply.status, 0, reply.stderr);
    const answered = ws.finished(reply.stdout.trim());
    assert.equal(answered.state, 'completed', ws.log(answered.id));
    assert.equal(answered.worktree.path, first.worktree.path);
    assert.equal(answered.worktree.branch, `dispatch/${id}`);
    assert.match(readFileSync(path.join(first.worktree.path, 'a.txt'), 'utf8'), /five\nfirst\nsecond\n$/);
    assert.equal(ws.read('a.txt'), 'one\ntwo\nthree\nfour\nfive\n', 'the workspace is untouched');
  });
});
