import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from '../../../../src/core/task';
import { Engine } from '../../../../src/engine/engine';
import {
  hasUnapplied,
  type Review,
  reviewText,
  WorktreeReviews,
  worktreePresent,
} from '../../../../src/extension/model/worktreeReviews';
import { waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};

/** The reviews the Tasks rows read, on a real engine whose workspace is a real git repository. */
describe('extension/model/worktreeReviews', function () {
  this.timeout(60_000);
  let fx: EngineFixture;
  let reviews: WorktreeReviews;
  let fired: string[][];
  const others: Engine[] = [];

  const git = (...args: string[]) => execFileSync('git', args, { cwd: fx.workspace, env: GIT_ENV });

  beforeEach(async () => {
    fx = await openTestEngine({ maxWorkers: 2 });
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(fx.workspace, '.gitignore'), '.vscode/\n');
    writeFileSync(path.join(fx.workspace, 'a.txt'), 'one\ntwo\n');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    reviews = new WorktreeReviews({ exists: existsSync, trusted: () => true });
    fired = [];
    reviews.onDidChange((ids) => fired.push(ids));
    // As the editor does (reviewsHost.ts): refreshed after every change to the shared state.
    fx.engine.onDidChange(() => reviews.refresh(fx.engine));
    reviews.refresh(fx.engine);
  });

  afterEach(async () => {
    for (const engine of others.splice(0)) await engine.dispose();
    await fx?.dispose();
  });

  async function finished(command: string, worktree = true): Promise<Task> {
    const { id } = await fx.engine.delegate({ prompt: command, agent: 'shell', worktree });
    return waitFor(
      `task ${id} to end`,
      () => {
        const task = fx.engine.resolve(id);
        return ['completed', 'failed', 'cancelled'].includes(task.state) ? task : false;
      },
      30_000,
    );
  }

  /** The review once git has answered. */
  async function reviewOf(task: Task): Promise<Review | undefined> {
    reviews.get(task);
    await reviews.settled();
    return reviews.get(task);
  }

  it("reads a finished worktree task's changed files from git; other tasks have no review", async () => {
    const task = await finished('sed -i s/two/TWO/ a.txt && echo new > new.txt');
    assert.equal(task.state, 'completed');
    assert.deepEqual(reviews.get(task), { kind: 'reading' });
    const review = await reviewOf(task);
    assert.equal(review?.kind, 'changes');
    assert.deepEqual(
      review.kind === 'changes' && review.files.map((f) => [f.path, f.status, f.insertions, f.deletions]),
      [
        ['a.txt', 'modified', 1, 1],
        ['new.txt', 'added', 1, 0],
      ],
    );
    assert.equal(reviewText(review), '2 files changed');
    assert.ok(hasUnapplied(review) && worktreePresent(review));
    assert.deepEqual(fired, [[task.id]], 'one change event, when git answered');

    const plain = await finished('true', false);
    assert.equal(reviews.get(plain), undefined, 'a task that ran in its folder has nothing to review');
  });

  it('says "no changes" for a worktree task that changed nothing', async () => {
    const task = await finished('true');
    const review = await reviewOf(task);
    assert.deepEqual(review, { kind: 'none' });
    assert.equal(reviewText(review), 'no changes');
    assert.ok(!hasUnapplied(review) && worktreePresent(review));
  });

  it('follows Apply and Discard made by another engine on the same state, through its change events', async () => {
    const task = await finished('echo three >> a.txt');
    assert.equal(reviewText(await reviewOf(task)), '1 file changed');
    // Another window or the CLI: its own engine on the same state directory.
    const other = await Engine.open({
      stateDir: fx.engine.state.dir,
      workspace: fx.workspace,
      config: () => fx.config,
      kind: 'test',
      runTasks: false,
    });
    others.push(other);
    await other.worktrees.apply(task.id);
    await waitFor('the row to say applied', () => reviewText(reviews.get(task)) === 'applied', 20_000);
    assert.ok(!hasUnapplied(reviews.get(task)) && worktreePresent(reviews.get(task)));
    await other.worktrees.discard(task.id);
    await waitFor('the row to say discarded', () => reviewText(reviews.get(task)) === 'discarded', 20_000);
    assert.ok(!worktreePresent(reviews.get(task)));
    // The row's Task was read before both; the review went by the shared state, not by it.
    assert.equal(task.worktreeAppliedAt, null);
  });

  it('reads git again on reread (the worktree was edited since) and says so once', async () => {
    const task = await finished('echo three >> a.txt');
    await reviewOf(task);
    fired = [];
    writeFileSync(path.join(task.worktreePath!, 'extra.txt'), 'by hand\n');
    const again = await reviews.reread(task.id);
    assert.equal(reviewText(again), '2 files changed');
    assert.deepEqual(fired, [[task.id]]);
    await reviews.reread(task.id);
    assert.deepEqual(fired, [[task.id]], 'nothing new: no event');
  });

  it('runs no git in an untrusted window, and knows a worktree that is not on disk', async () => {
    const task = await finished('echo three >> a.txt');
    const untrusted = new WorktreeReviews({ exists: existsSync, trusted: () => false });
    untrusted.refresh(fx.engine);
    untrusted.get(task);
    await untrusted.settled();
    assert.deepEqual(untrusted.get(task), { kind: 'untrusted' });
    assert.equal(reviewText(untrusted.get(task)), undefined);
    const elsewhere = new WorktreeReviews({ exists: () => false, trusted: () => true });
    elsewhere.refresh(fx.engine);
    elsewhere.get(task);
    await elsewhere.settled();
    assert.deepEqual(elsewhere.get(task), { kind: 'missing' });
    assert.ok(!worktreePresent(elsewhere.get(task)));
  });
});
