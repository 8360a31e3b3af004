// The commands of the real extension against fake agents: delegate → running → completed, cancel
// and retry from view items and ids, Recover Now, Clear Finished and Delete (rows and files),
// Copy Task ID, Show Output. Modal confirmations are answered by replacing
// vscode.window.showWarningMessage for the duration of one call (the extension shares this
// `vscode` object with the tests).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { WorkerNode } from '../../src/extension/views/nodes/workerNode';
import { answering } from '../support/answering';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

const delegate = (prompt: string, extra: Record<string, unknown> = {}) =>
  vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake', ...extra });

describe('commands', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    await engineOf(api);
  });

  afterEach(async () => cancelAll(api));

  it('delegates a task that runs to completion, through Running into Completed', async () => {
    const task = await delegate('out:3 sleep:800');
    assert.equal(task.agent, 'fake');
    assert.equal(task.title, 'out:3 sleep:800');
    await waitFor('the task in the Workers view', () =>
      api.live.workers.entries.some((e) => e.task.id === task.id),
    );
    await taskIn(api, task.id, 'completed');
    await waitFor('the task in the Completed group', () =>
      api.live.tasks.group('completed').tasks.some((t) => t.id === task.id),
    );
    assert.ok(!api.live.workers.entries.some((e) => e.task.id === task.id));
  });

  it('refuses bad input with the engine’s message and stores nothing', async () => {
    const before = (await engineOf(api)).list().length;
    const result = await vscode.commands.executeCommand('dispatch.delegateTask', {
      prompt: 'x',
      agent: 'nope',
    });
    assert.equal(result, undefined, 'the wrapper reports the error instead of throwing');
    assert.equal((await engineOf(api)).list().length, before);
  });

  it('refuses an agent this window cannot run, from an argument and from Retry, storing nothing', async () => {
    const fake = (TEST_SETTINGS.agents as Record<string, { command: string; args: string[] }>).fake!;
    await configure(api, { agents: { ...(TEST_SETTINGS.agents as object), ghost: fake } });
    try {
      const done = await delegate('out:1', { agent: 'ghost' });
      await taskIn(api, done.id, 'completed');
      // The agent's program is gone since: this window would fail whatever it queued for it.
      const missing = { command: '/nonexistent/ghost-agent', args: ['${prompt}'] };
      await configure(api, { agents: { ...(TEST_SETTINGS.agents as object), ghost: missing } });
      const before = (await engineOf(api)).list().length;
      const delegated = await answering(undefined, () => delegate('out:1', { agent: 'ghost' }));
      const retried = await answering(undefined, () =>
        vscode.commands.executeCommand<Task[]>('dispatch.retryTask', done.id),
      );
      const why =
        'ghost cannot run: /nonexistent/ghost-agent does not exist — fix dispatch.agents.ghost.command, ' +
        'or pick another agent';
      assert.equal(delegated.result, undefined);
      assert.deepEqual(delegated.asked, [why]);
      assert.equal(retried.result, undefined);
      assert.deepEqual(retried.asked, [why]);
      assert.equal((await engineOf(api)).list().length, before, 'nothing stored');
    } finally {
      await configure(api, { agents: TEST_SETTINGS.agents });
    }
  });

  it('cancels a running task from its Workers view item', async () => {
    const task = await delegate('sleep:20000');
    const node = await waitFor('the worker row', () =>
      (api.views.workers.getChildren() as WorkerNode[]).find((n) => n.taskId === task.id),
    );
    assert.equal(api.views.workers.getTreeItem(node).contextValue, 'worker.local');
    await vscode.commands.executeCommand('dispatch.cancelTask', node);
    const ended = await taskIn(api, task.id, 'cancelled');
    assert.ok(ended.cancelRequestedAt);
  });

  it('retries a failed task as a new task with the same prompt, agent, priority and folder, titled (retry 1)', async () => {
    const failed = await delegate('err:1 exit:3', { priority: 'P2' });
    await taskIn(api, failed.id, 'failed');
    const [retry] = await vscode.commands.executeCommand<Task[]>('dispatch.retryTask', failed.id);
    assert.ok(retry);
    assert.notEqual(retry.id, failed.id);
    assert.equal(retry.retryOf, failed.id);
    for (const key of ['prompt', 'agent', 'priority', 'cwd'] as const) {
      assert.equal(retry[key], failed[key], key);
    }
    assert.equal(retry.title, `${failed.title} (retry 1)`, 'told apart from the run it repeats');
    await taskIn(api, retry.id, 'failed');
  });

  it('resumes a finished task as a new task linked to it, with further instructions', async () => {
    const first = await delegate('out:1');
    await taskIn(api, first.id, 'completed');
    const window = vscode.window as { showInputBox: unknown };
    const original = window.showInputBox;
    window.showInputBox = async () => 'out:2';
    try {
      const resumed = await vscode.commands.executeCommand<Task>('dispatch.resumeTask', first.id);
      assert.ok(resumed);
      assert.equal(resumed.resumeOf, first.id);
      assert.equal(resumed.agent, first.agent);
    } finally {
      window.showInputBox = original;
    }
  });

  it('refuses to resume a shell task with the same line as the CLI, before asking anything', async () => {
    const shell = await delegate('echo hi', { agent: 'shell' });
    await taskIn(api, shell.id, 'completed');
    const before = (await engineOf(api)).list().length;
    const window = vscode.window as { showInputBox: unknown; showErrorMessage: unknown };
    const original = { showInputBox: window.showInputBox, showErrorMessage: window.showErrorMessage };
    const shown: string[] = [];
    let asked = false;
    window.showInputBox = async () => {
      asked = true;
      return 'more';
    };
    window.showErrorMessage = async (message: string) => {
      shown.push(message);
      return undefined;
    };
    try {
      const resumed = await vscode.commands.executeCommand('dispatch.resumeTask', shell.id);
      assert.equal(resumed, undefined);
    } finally {
      Object.assign(window, original);
    }
    assert.deepEqual(shown, [
      `a shell task has no agent to continue: use \`dispatch retry ${shell.id}\` to run the command again`,
    ]);
    assert.equal(asked, false, 'no instructions asked for');
    assert.equal((await engineOf(api)).list().length, before, 'nothing stored');
  });

  it('reports what Recover Now did', async () => {
    const report = await vscode.commands.executeCommand<Record<string, string[]>>('dispatch.recoverNow');
    assert.ok(report);
    assert.deepEqual(report.adopted, []);
  });

  it('copies a task id', async () => {
    const task = await delegate('out:1');
    await vscode.commands.executeCommand('dispatch.copyTaskId', task.id);
    assert.equal(await vscode.env.clipboard.readText(), task.id);
  });

  it('opens the output panel of a task', async () => {
    const task = await delegate('out:2');
    await vscode.commands.executeCommand('dispatch.showOutput', task.id);
    // The tab model reaches the extension host after the panel is created in the workbench.
    await waitFor('a dispatch.output panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some(
          (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('dispatch.output'),
        ),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('deletes one finished task and its files after confirmation', async () => {
    const engine = await engineOf(api);
    const task = await delegate('out:2');
    await taskIn(api, task.id, 'completed');
    const log = engine.state.paths.logPath(task.id);
    assert.ok(existsSync(log));
    const no = await answering(undefined, () =>
      vscode.commands.executeCommand('dispatch.deleteTask', task.id),
    );
    assert.match(no.asked[0] ?? '', /Delete "out:2" and its output\?/);
    assert.ok(
      engine.list().some((t) => t.id === task.id),
      'kept when not confirmed',
    );
    await answering('Delete', () => vscode.commands.executeCommand('dispatch.deleteTask', task.id));
    assert.ok(!engine.list().some((t) => t.id === task.id));
    assert.ok(!existsSync(log));
  });

  it('clears every finished task and its output, and leaves unfinished ones', async () => {
    const engine = await engineOf(api);
    const done = await delegate('out:1');
    const failed = await delegate('exit:1');
    await taskIn(api, done.id, 'completed');
    await taskIn(api, failed.id, 'failed');
    const running = await delegate('sleep:20000');
    await taskIn(api, running.id, 'running');
    const { result, asked } = await answering('Delete', () =>
      vscode.commands.executeCommand<{ tasks: number; files: number }>('dispatch.clearFinished'),
    );
    assert.match(asked[0] ?? '', /^Delete \d+ finished tasks? and their output/);
    assert.ok(result && result.tasks >= 2 && result.files >= 2);
    assert.deepEqual(engine.list({ states: ['completed', 'failed', 'cancelled'] }), []);
    assert.ok(!existsSync(engine.state.paths.logPath(done.id)));
    assert.equal(engine.resolve(running.id).state, 'running');
    await waitFor('the finished groups to empty', () => api.live.tasks.count('completed') === 0);
  });
});
