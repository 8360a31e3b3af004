// A worktree task from a chat, end to end in the real extension with real git: dispatch_delegate
// with `worktree` leaves the workspace untouched, dispatch_status and dispatch_diff say what the
// task changed, dispatch_apply (which the user confirms) brings it in or names the conflicting
// files and changes nothing, and dispatch_discard asks the user only when changes would be lost.
// The repository is a folder inside the test workspace; the `shell` agent edits it.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';
import { GitRepo } from '../support/gitRepo';
import { confirmationOf, invokeTool } from '../support/lmTools';
import { vsCodeGitOffInSuite } from '../support/vsCodeGit';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('language model tools: worktree tasks', function () {
  this.timeout(90_000);
  let api: DispatchTestApi;
  let repo: GitRepo;
  let workspace: string;

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  });
  vsCodeGitOffInSuite();

  beforeEach(() => {
    repo = new GitRepo(path.join(workspace, `lm-repo-${Date.now().toString(36)}`), {
      'a.txt': 'one\ntwo\nthree\n',
    });
  });

  afterEach(async () => {
    await cancelAll(api);
    await (await engineOf(api)).clearFinished(undefined, { unapplied: 'delete' });
  });

  /** Delegates `command` as a model would, in its own worktree of `repo`; the answer and the task. */
  async function delegated(command: string): Promise<{ answer: string; task: Task }> {
    const answer = await invokeTool('dispatch_delegate', {
      prompt: command,
      agent: 'shell',
      cwd: path.relative(workspace, repo.dir),
      worktree: true,
    });
    const id = /^Task (\w{12}) \(shell/.exec(answer)?.[1];
    assert.ok(id, answer);
    return { answer, task: (await engineOf(api)).resolve(id) };
  }

  const finished = async (command: string) =>
    taskIn(api, (await delegated(command)).task.id, 'completed', 30_000);

  it('delegates to a worktree, reports and shows its changes, and applies them once the user confirms', async () => {
    const asked = await confirmationOf(api, 'dispatch_delegate', {
      prompt: 'x',
      agent: 'shell',
      cwd: path.relative(workspace, repo.dir),
      worktree: true,
    });
    assert.match(asked?.message ?? '', new RegExp(`^\\*\\*Folder:\\*\\* ${escaped(repo.dir)} {2}$`, 'm'));
    assert.match(asked?.message ?? '', /^\*\*Worktree:\*\* yes: the workspace is untouched/m);

    const { answer, task } = await delegated('sed -i s/two/TWO/ a.txt && echo new > b.txt');
    assert.ok(task.worktreePath, 'the task runs in a worktree');
    assert.match(
      answer,
      new RegExp(
        `^Worktree: ${escaped(task.worktreePath)} \\(branch dispatch/${task.id}\\); once the task ended, review its changes with dispatch_diff`,
        'm',
      ),
    );
    await taskIn(api, task.id, 'completed', 30_000);
    assert.equal(repo.read('a.txt'), 'one\ntwo\nthree\n', 'the workspace is untouched');

    const status = await invokeTool('dispatch_status', { taskId: task.id });
    assert.match(status, /; 2 files changed, \+2 -1, not applied yet: review its changes with dispatch_diff/);
    const diff = await invokeTool('dispatch_diff', { taskId: task.id });
    assert.match(
      diff,
      new RegExp(`^Task ${task.id} \\(completed\\): 2 files changed, \\+2 -1 against its base`),
    );
    assert.match(diff, /^-two\n\+TWO$/m);
    assert.match(diff, /^\+\+\+ b\/b\.txt$/m);
    const stat = await invokeTool('dispatch_diff', { taskId: task.id, stat: true });
    assert.match(stat, /^ a\.txt \| 2 \+-$/m);
    assert.doesNotMatch(stat, /^\+TWO$/m);

    const applying = await confirmationOf(api, 'dispatch_apply', { taskId: task.id });
    assert.equal(applying?.title, "Apply a Dispatch task's changes to the workspace?");
    assert.match(applying?.message ?? '', /into the workspace: 2 files changed, \+2 -1 \(a\.txt, b\.txt\)\./);
    const applied = await invokeTool('dispatch_apply', { taskId: task.id });
    assert.equal(
      applied,
      `Applied the changes of task ${task.id} to the workspace as uncommitted changes: 2 files (a.txt, b.txt). Nothing was staged or committed.`,
    );
    assert.deepEqual([repo.read('a.txt'), repo.read('b.txt')], ['one\nTWO\nthree\n', 'new\n']);
    assert.match(
      await invokeTool('dispatch_status', { taskId: task.id }),
      /; its changes were applied to the workspace$/m,
    );
    // Applied changes exist in the workspace too: discarding them asks nothing.
    assert.equal(await confirmationOf(api, 'dispatch_discard', { taskId: task.id }), undefined);
  });

  it('a conflicting apply names the files and changes nothing', async () => {
    const task = await finished('sed -i s/two/TWO/ a.txt');
    repo.write('a.txt', 'one\nmine\nthree\n'); // the user's own edit of the same line
    await assert.rejects(
      invokeTool('dispatch_apply', { taskId: task.id }),
      /The changes of task \w{12} conflict with the workspace in a\.txt; nothing was changed\. The user commits or stashes/,
    );
    assert.equal(repo.read('a.txt'), 'one\nmine\nthree\n', 'the workspace is as the user left it');
    assert.equal((await engineOf(api)).resolve(task.id).worktreeAppliedAt, null);
  });

  it('discard asks the user first when changes were never applied, then removes the worktree and branch', async () => {
    const task = await finished('echo four >> a.txt');
    const asked = await confirmationOf(api, 'dispatch_discard', { taskId: task.id });
    assert.equal(asked?.title, 'Discard changes that were never applied?');
    assert.match(
      asked?.message ?? '',
      /has changes that were never applied: 1 file changed, \+1 -0 \(a\.txt\)\./,
    );
    assert.match(asked?.message ?? '', new RegExp(`branch dispatch/${task.id}; this cannot be undone\\.$`));

    const discarded = await invokeTool('dispatch_discard', { taskId: task.id });
    assert.equal(
      discarded,
      `Removed the worktree of task ${task.id} and its branch dispatch/${task.id}, changes and all.`,
    );
    assert.ok(!existsSync(task.worktreePath!));
    assert.ok(!repo.branches().includes(`dispatch/${task.id}`));
    assert.equal(repo.read('a.txt'), 'one\ntwo\nthree\n', 'nothing reached the workspace');
    assert.match(await invokeTool('dispatch_status', { taskId: task.id }), /, discarded$/m);

    // Nothing to lose: no question.
    const clean = await finished('true');
    assert.equal(await confirmationOf(api, 'dispatch_discard', { taskId: clean.id }), undefined);
  });

  it('refuses the worktree tools on a task that ran in its folder, in one line', async () => {
    const answer = await invokeTool('dispatch_delegate', { prompt: 'true', agent: 'shell', worktree: false });
    const id = /^Task (\w{12})/.exec(answer)![1]!;
    await taskIn(api, id, 'completed');
    for (const tool of ['dispatch_diff', 'dispatch_apply', 'dispatch_discard'])
      await assert.rejects(invokeTool(tool, { taskId: id }), (err: Error) => {
        assert.equal(err.message, `task ${id} did not run in a worktree (delegate it with --worktree)`);
        return true;
      });
  });
});
