// The Tasks and Workers views of the real extension, read through their providers (the test API):
// groups per state with counts and icons, per-state context values, click → Show Output, paging
// of long groups, and the Workers row with owner, elapsed time and PIDs.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import * as vsc from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { TasksViewNode } from '../../src/extension/views/tasksView';
import { openStateStore } from '../../src/store';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

const delegate = (prompt: string) =>
  vsc.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake' });

const iconId = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon | undefined)?.id;

describe('views', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, { ...TEST_SETTINGS, maxWorkers: 1 });
    const engine = await engineOf(api);
    await engine.clearFinished();
  });

  after(async () => {
    await cancelAll(api);
    await configure(api, { maxWorkers: TEST_SETTINGS.maxWorkers });
  });

  const roots = () => api.views.tasks.getChildren() as TasksViewNode[];
  const rootItems = () => roots().map((node) => api.views.tasks.getTreeItem(node));
  const childrenOf = (label: string) => {
    const group = roots().find((n) => api.views.tasks.getTreeItem(n).label === label);
    assert.ok(group, `no ${label} group`);
    return api.views.tasks.getChildren(group);
  };

  it('groups tasks by state with counts, a codicon per state and a context menu per state', async () => {
    const completed = await delegate('out:1');
    await taskIn(api, completed.id, 'completed');
    const failed = await delegate('exit:2');
    await taskIn(api, failed.id, 'failed');
    const running = await delegate('sleep:20000');
    await taskIn(api, running.id, 'running');
    const queued = await delegate('out:1');
    const cancelled = await delegate('out:1');
    await vsc.commands.executeCommand('dispatch.cancelTask', cancelled.id);
    await waitFor(
      'the views to catch up',
      () => api.live.tasks.count('cancelled') === 1 && api.live.tasks.count('queued') === 1,
    );

    assert.deepEqual(
      rootItems().map((i) => [i.label, i.description, iconId(i)]),
      [
        ['Running', '1', 'sync~spin'],
        ['Queued', '1', 'clock'],
        ['Completed', '1', 'pass'],
        ['Failed', '1', 'error'],
        ['Cancelled', '1', 'circle-slash'],
      ],
    );
    const expected: [string, Task, string][] = [
      ['Running', running, 'task.running'],
      ['Queued', queued, 'task.queued'],
      ['Completed', completed, 'task.completed'],
      ['Failed', failed, 'task.failed'],
      ['Cancelled', cancelled, 'task.cancelled'],
    ];
    for (const [label, task, contextValue] of expected) {
      const [node] = childrenOf(label);
      assert.ok(node);
      const item = api.views.tasks.getTreeItem(node);
      // The agent (and, once started, its time) before the title: a narrow side bar cuts the end.
      assert.match(String(item.label), /^fake( \d+s)? · /, label);
      assert.ok(String(item.label).endsWith(` · ${task.title}`), label);
      assert.equal(item.contextValue, contextValue);
      assert.deepEqual(item.command?.command, 'dispatch.showOutput');
      assert.deepEqual(item.command?.arguments, [task.id]);
    }
    const failedItem = api.views.tasks.getTreeItem(childrenOf('Failed')[0]!);
    // The autonomy it ran at, then how it ended.
    assert.match(String(failedItem.description), /^edit · exit code 2 · \d\d:\d\d$/);
  });

  it('says what a blocked task waits for', async () => {
    const [running] = api.live.tasks.group('running').tasks;
    assert.ok(running);
    const blocked = await vsc.commands.executeCommand<Task>('dispatch.delegateTask', {
      prompt: 'out:1',
      agent: 'fake',
      after: [running.id],
    });
    assert.equal(blocked.state, 'blocked');
    await waitFor('the Blocked group', () =>
      roots().some((n) => n.kind === 'group' && n.state === 'blocked'),
    );
    const item = api.views.tasks.getTreeItem(childrenOf('Blocked')[0]!);
    assert.equal(item.contextValue, 'task.blocked');
    assert.equal(iconId(item), 'debug-pause');
    assert.match(String(item.description), new RegExp(`waits for ${running.id}`));
    await vsc.commands.executeCommand('dispatch.cancelTask', blocked.id);
    await taskIn(api, blocked.id, 'cancelled');
  });

  it('cancels a queued task from its Tasks view item', async () => {
    const [node] = childrenOf('Queued');
    assert.ok(node && node.kind === 'task');
    await vsc.commands.executeCommand('dispatch.cancelTask', node);
    await taskIn(api, node.task.id, 'cancelled');
  });

  it('shows the running task in Workers: agent and elapsed time first, this window, PIDs in the tooltip', async () => {
    const [node] = await waitFor('a worker row with its agent PID', () => {
      const nodes = api.views.workers.getChildren().filter((n) => n.kind === 'worker');
      return nodes.length && nodes[0]!.entry.worker.agentPid ? nodes : undefined;
    });
    const item = api.views.workers.getTreeItem(node!);
    assert.match(String(item.label), /^fake \d+s · /);
    assert.equal(item.description, 'this window');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, new RegExp(node!.taskId));
    assert.match(tooltip, /Supervisor PID:\*\* \d+/);
    assert.match(tooltip, /Agent PID:\*\* \d+/);
  });

  it('shows the newest 200 of a long group and loads the next page on "Show more…"', async () => {
    const engine = await engineOf(api);
    // Written as another process would: the engine hands out only a reader.
    const store = await openStateStore({ dir: engine.state.dir });
    try {
      await store.write((r) => {
        for (let i = 0; i < 205; i++) {
          const task = r.tasks.create({ prompt: `old ${i}`, agent: 'fake', cwd: engine.state.dir }, 1000 + i);
          r.tasks.setState(task.id, 'cancelled', { endedAt: 2000 + i });
        }
      });
    } finally {
      store.dispose();
    }
    await waitFor('the cancelled group to count them', () => api.live.tasks.count('cancelled') >= 206);
    const page = childrenOf('Cancelled');
    assert.equal(page.length, 201);
    const more = page.at(-1)!;
    assert.equal(more.kind, 'showMore');
    const moreItem = api.views.tasks.getTreeItem(more);
    assert.equal(moreItem.label, 'Show more…');
    await vsc.commands.executeCommand(moreItem.command!.command, ...(moreItem.command!.arguments ?? []));
    assert.equal(childrenOf('Cancelled').length, api.live.tasks.count('cancelled'));
  });
});
