// Worktree tasks reviewed in the real extension with real git: the Tasks row says what the task
// changed and lists the files, a file opens the diff editor base ↔ task, Apply brings the
// changes into the workspace (a conflict changes nothing), Discard asks first when changes were
// never applied, and Delete and Clear Finished never lose them without asking. The repository
// is a folder inside the test workspace; tasks run the `shell` agent there with `worktree: true`.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { TasksViewNode } from '../../src/extension/views/tasksView';
import { answeringEach } from '../support/answering';
import { runCli, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';
import { GitRepo } from '../support/gitRepo';
import { vsCodeGitOffInSuite } from '../support/vsCodeGit';

describe('worktree tasks in the editor', function () {
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
    repo = new GitRepo(path.join(workspace, `repo-${Date.now().toString(36)}`), {
      'a.txt': 'one\ntwo\nthree\n',
      'gone.txt': 'gone\n',
    });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cancelAll(api);
    // Each test starts without finished tasks, whatever their worktrees hold.
    await (await engineOf(api)).clearFinished(undefined, { unapplied: 'delete' });
  });

  /** A shell task run in its own worktree of `repo`, once it completed. */
  async function finished(command: string): Promise<Task> {
    const engine = await engineOf(api);
    const task = await engine.delegate({ prompt: command, agent: 'shell', cwd: repo.dir, worktree: true });
    return taskIn(api, task.id, 'completed', 30_000);
  }

  /** The task's row in the Tasks view, as the view draws it now. */
  function row(id: string): { node: TasksViewNode; item: vscode.TreeItem } | undefined {
    const provider = api.views.tasks;
    const group = provider.getChildren().find((n) => n.kind === 'group' && n.state === 'completed');
    const node = group && provider.getChildren(group).find((n) => n.kind === 'task' && n.taskId === id);
    return node && { node, item: provider.getTreeItem(node) };
  }

  const rowSays = (id: string, words: string) =>
    waitFor(`the row of ${id} to say "${words}"`, () => {
      const found = row(id);
      return String(found?.item.description ?? '').startsWith(`${words} · `) && found;
    });

  it('says what a task changed, lists its files, and opens each in the diff editor (base ↔ task)', async () => {
    const task = await finished(
      'sed -i s/two/TWO/ a.txt && mkdir -p src && echo new > src/new.txt && rm gone.txt',
    );
    const { node, item } = await rowSays(task.id, '3 files changed');
    assert.equal(item.contextValue, 'task.completed.worktree.unapplied');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const files = api.views.tasks.getChildren(node).map((child) => api.views.tasks.getTreeItem(child));
    assert.deepEqual(
      files.map((f) => [f.label, f.description, f.resourceUri?.fsPath]),
      [
        ['a.txt', 'M', path.join(task.worktreePath!, 'a.txt')],
        ['gone.txt', 'D', path.join(task.worktreePath!, 'gone.txt')],
        ['new.txt', 'A · src', path.join(task.worktreePath!, 'src', 'new.txt')],
      ],
    );

    // A click runs the row's command, as VS Code would.
    const open = async (file: vscode.TreeItem) => {
      await vscode.commands.executeCommand(file.command!.command, ...(file.command!.arguments ?? []));
      const tab = await waitFor('the diff editor', () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.input instanceof vscode.TabInputTextDiff && active.label.startsWith(String(file.label))
          ? { label: active.label, input: active.input }
          : undefined;
      });
      const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();
      return { ...tab, base: await text(tab.input.original), mine: await text(tab.input.modified) };
    };
    const modified = await open(files[0]!);
    assert.equal(modified.label, `a.txt (base ↔ task ${task.id})`);
    assert.equal(modified.input.original.scheme, 'dispatch-base');
    assert.equal(modified.input.modified.fsPath, path.join(task.worktreePath!, 'a.txt'));
    assert.deepEqual([modified.base, modified.mine], ['one\ntwo\nthree\n', 'one\nTWO\nthree\n']);
    const deleted = await open(files[1]!);
    assert.deepEqual([deleted.base, deleted.mine], ['gone\n', '']);
    const added = await open(files[2]!);
    assert.deepEqual([added.base, added.mine], ['', 'new\n']);
  });

  it('applies the changes to the workspace; a conflict names the files and changes nothing', async () => {
    const task = await finished('sed -i s/two/TWO/ a.txt');
    await rowSays(task.id, '1 file changed');
    repo.write('a.txt', 'one\nmine\nthree\n'); // the user's own edit of the same line
    const conflict = await answeringEach([], () =>
      vscode.commands.executeCommand('dispatch.applyChanges', task.id),
    );
    assert.equal(conflict.errors.length, 1, conflict.errors.join('\n'));
    assert.match(conflict.errors[0]!, /conflict with the workspace in a\.txt\. Nothing was changed/);
    assert.equal(repo.read('a.txt'), 'one\nmine\nthree\n', 'the workspace is as the user left it');
    assert.equal((await engineOf(api)).resolve(task.id).worktreeAppliedAt, null);

    repo.write('a.txt', 'one\ntwo\nthree\n');
    const applied = await answeringEach([], () =>
      vscode.commands.executeCommand('dispatch.applyChanges', task.id),
    );
    assert.deepEqual(applied.errors, []);
    assert.match(
      applied.told[0] ?? '',
      /^Applied the changes of ".*" to the workspace: 1 file \(a\.txt\)\.$/,
    );
    assert.equal(repo.read('a.txt'), 'one\nTWO\nthree\n');
    const { item } = await rowSays(task.id, 'applied');
    assert.equal(item.contextValue, 'task.completed.worktree.applied');
  });

  it('discards only after asking when changes were never applied; the CLI’s discard shows too', async () => {
    const task = await finished('echo four >> a.txt');
    await rowSays(task.id, '1 file changed');
    const kept = await answeringEach([undefined], () =>
      vscode.commands.executeCommand('dispatch.discardWorktree', task.id),
    );
    assert.match(kept.asked[0] ?? '', /^Discard the changes of ".*"\? They were never applied\.$/);
    assert.ok(existsSync(task.worktreePath!), 'not confirmed: the worktree stays');
    await answeringEach(['Discard'], () =>
      vscode.commands.executeCommand('dispatch.discardWorktree', task.id),
    );
    assert.ok(!existsSync(task.worktreePath!));
    assert.ok(!repo.branches().includes(`dispatch/${task.id}`));
    const { item } = await rowSays(task.id, 'discarded');
    assert.equal(item.contextValue, 'task.completed');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);

    // Nothing to lose: no question. From the CLI, as another process would.
    const clean = await finished('true');
    await rowSays(clean.id, 'no changes');
    const run = runCli(workspace, ['discard', clean.id]);
    assert.equal(run.status, 0, run.stderr);
    await rowSays(clean.id, 'discarded');
  });

  it('Delete and Clear Finished ask before losing unapplied changes, and keep them if told', async () => {
    const engine = await engineOf(api);
    const task = await finished('echo four >> a.txt');
    await rowSays(task.id, '1 file changed');
    const del = () => vscode.commands.executeCommand('dispatch.deleteTask', task.id);
    const dismissed = await answeringEach(['Delete', undefined], del);
    assert.match(dismissed.asked[1] ?? '', /^1 task has unapplied changes in its worktree$/);
    assert.ok(engine.list().some((t) => t.id === task.id) && existsSync(task.worktreePath!));
    await answeringEach(['Delete', 'Keep Those'], del);
    assert.ok(engine.list().some((t) => t.id === task.id) && existsSync(task.worktreePath!));

    const plain = await engine.delegate({ prompt: 'true', agent: 'shell' });
    await taskIn(api, plain.id, 'completed');
    const cleared = await answeringEach(['Delete', 'Keep Those'], () =>
      vscode.commands.executeCommand<{ tasks: number; kept: number }>('dispatch.clearFinished'),
    );
    assert.equal(cleared.result?.kept, 1);
    assert.match(cleared.told[0] ?? '', /Kept 1 with unapplied changes\.$/);
    assert.ok(!engine.list().some((t) => t.id === plain.id), 'the other finished tasks went');
    assert.ok(engine.list().some((t) => t.id === task.id) && existsSync(task.worktreePath!));

    await answeringEach(['Delete', 'Discard Them'], del);
    assert.ok(!engine.list().some((t) => t.id === task.id));
    assert.ok(!existsSync(task.worktreePath!), 'deleted with its worktree');
    assert.ok(!repo.branches().includes(`dispatch/${task.id}`));
  });
});
