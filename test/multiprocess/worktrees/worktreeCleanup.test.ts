import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import { isDispatchError } from '../../../src/core/errors';
import { Engine } from '../../../src/engine/engine';
import { UnappliedChangesError } from '../../../src/engine/worktrees/release';
import { openStateStore } from '../../../src/store';
import { waitFor } from '../../support/cli';
import { GitWorkspace } from '../fixtures/gitWorkspace';

/** Nothing lost, nothing left behind: deleting, crashes mid-creation, and recovery's sweep. */
describe('multiprocess: worktrees are never lost and never left behind', function () {
  this.timeout(120_000);
  let ws: GitWorkspace;
  let observer: Engine | undefined;

  afterEach(async () => {
    await observer?.dispose();
    observer = undefined;
    await ws?.dispose();
  });

  /** One more engine that only reads and writes the queue, as the editor's would. */
  async function openObserver(): Promise<Engine> {
    observer = await Engine.open({
      stateDir: path.join(ws.dir, '.vscode', 'dispatch'),
      workspace: ws.dir,
      config: () => parseConfig({}).config,
      kind: 'test',
      runTasks: false,
    });
    return observer;
  }

  it('Clear Finished refuses to drop unapplied changes, keeps them on request, and removes what was applied', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const changed = ws.delegate('echo change >> a.txt', '--worktree');
    const unchanged = ws.delegate('true', '--worktree');
    const [c, u] = [ws.finished(changed), ws.finished(unchanged)];
    const engine = await openObserver();

    await assert.rejects(engine.clearFinished(), (err) => {
      assert.ok(err instanceof UnappliedChangesError && isDispatchError(err, 'unapplied-changes'));
      assert.deepEqual(err.taskIds, [changed]);
      assert.match(err.message, /never applied/);
      return true;
    });
    assert.ok(existsSync(c.worktree.path) && existsSync(u.worktree.path), 'nothing was removed');
    assert.equal(engine.list().length, 2, 'nothing was deleted');

    assert.deepEqual((await engine.clearFinished(undefined, { unapplied: 'keep' })).tasks, 1);
    assert.deepEqual(
      engine.list().map((t) => t.id),
      [changed],
    );
    assert.equal(existsSync(u.worktree.path), false);
    assert.ok(!ws.branches().includes(`dispatch/${unchanged}`));

    assert.equal(ws.cli('apply', changed).status, 0);
    assert.equal(
      (await engine.clearFinished([changed])).tasks,
      1,
      'applied changes are not lost by deleting',
    );
    assert.equal(existsSync(c.worktree.path), false);
    assert.deepEqual(ws.worktrees(), [ws.git('rev-parse', '--show-toplevel').trim()]);
    assert.deepEqual(ws.branches(), ['main']);
  });

  it('a worktree half-made by an engine that died is replaced when the task starts again', async () => {
    ws = new GitWorkspace();
    const id = ws.delegate('ls; git status --porcelain', '--worktree');
    const planned = ws.show(id).worktree;
    // What a kill -9 during `git worktree add` leaves: a registered, locked, partial worktree.
    ws.git('worktree', 'add', '-q', '-b', planned.branch, planned.path, planned.base);
    ws.git('worktree', 'lock', '--reason', 'initializing', planned.path);
    writeFileSync(path.join(planned.path, 'half-made.txt'), 'junk');
    ws.workers.startWorker(ws.dir);
    const shown = ws.finished(id);
    assert.equal(shown.state, 'completed', ws.log(id));
    assert.equal(existsSync(path.join(planned.path, 'half-made.txt')), false);
    assert.deepEqual(shown.changes, { files: 0, insertions: 0, deletions: 0 });
    assert.equal(ws.worktrees().filter((w) => w.endsWith(id)).length, 1);
  });

  it('kill -9 of the engine while it makes a worktree: the task still completes in one clean worktree', async () => {
    ws = new GitWorkspace();
    // Enough files that `git worktree add` takes a while, so the kill lands during creation.
    for (let i = 0; i < 3000; i++) ws.write(`many/f${i}.txt`, `${i}\n`);
    ws.commit('many files');
    const id = ws.delegate('git status --porcelain; echo done', '--worktree');
    const planned = ws.show(id).worktree;
    const first = ws.workers.startWorker(ws.dir);
    // The ledger record is written just before `git worktree add` starts.
    const ledger = path.join(ws.dir, '.vscode', 'dispatch', 'output', `${id}.worktree.json`);
    await waitFor('the worktree to be under way', () => existsSync(ledger), 60_000);
    first.kill('SIGKILL');
    ws.workers.startWorker(ws.dir);
    const shown = ws.finished(id);
    assert.equal(shown.state, 'completed', ws.log(id));
    assert.match(ws.log(id), /^done$/m);
    assert.deepEqual(shown.changes, { files: 0, insertions: 0, deletions: 0 });
    assert.equal(ws.worktrees().filter((w) => w === planned.path).length, 1);
    assert.doesNotMatch(
      ws.git('worktree', 'list', '--porcelain'),
      /^locked/m,
      'no half-made worktree is left locked',
    );
  });

  it('an existing branch of the same name is never overwritten: the task fails and says so', async () => {
    ws = new GitWorkspace();
    const id = ws.delegate('echo ran', '--worktree');
    ws.git('branch', `dispatch/${id}`);
    ws.write('a.txt', 'later\n');
    ws.commit('move main on');
    ws.git('branch', '-f', `dispatch/${id}`, 'main');
    const tip = ws.git('rev-parse', `dispatch/${id}`).trim();
    ws.workers.startWorker(ws.dir);
    const shown = ws.finished(id);
    assert.equal(shown.state, 'failed');
    assert.match(
      shown.reason,
      /^worktree: the branch dispatch\/\w+ already exists at \w+ and dispatch never overwrites a branch/,
    );
    assert.equal(ws.git('rev-parse', `dispatch/${id}`).trim(), tip);
  });

  it('recovery removes the worktrees of tasks that are gone, keeping a branch that holds commits', async () => {
    ws = new GitWorkspace();
    ws.workers.startWorker(ws.dir);
    const plain = ws.delegate('echo edit >> a.txt', '--worktree');
    const committed = ws.delegate(
      'echo c > c.txt && git add c.txt && git -c user.name=a -c user.email=a@a commit -qm c',
      '--worktree',
    );
    const [p, c] = [ws.finished(plain), ws.finished(committed)];
    await ws.workers.stopAll();
    // Their rows vanish behind the engine's back (a crash after deleting them, a reset database).
    const store = await openStateStore({ dir: path.join(ws.dir, '.vscode', 'dispatch') });
    await store.write((r) => r.history.delete([plain, committed]));
    store.dispose();

    const result = ws.cli('recover');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`worktrees ${plain}`));
    assert.match(result.stdout, new RegExp(`worktrees ${committed}`));
    assert.equal(existsSync(p.worktree.path), false);
    assert.equal(existsSync(c.worktree.path), false);
    assert.deepEqual(ws.worktrees(), [ws.git('rev-parse', '--show-toplevel').trim()]);
    assert.deepEqual(
      ws.branches().sort(),
      [`dispatch/${committed}`, 'main'],
      'the commit is kept on its branch',
    );
    assert.match(ws.cli('recover').stdout, /nothing to recover/, 'once is enough');
  });
});
