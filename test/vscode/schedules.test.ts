// Schedules and dependencies through the real extension's commands and views: Schedule Task with
// an argument (the wizard itself is driven in the ui tier), the Schedules view's rows and their
// Pause / Resume / Cancel actions, a one-time run that fires and shows up under its schedule, and
// Delegate Task with `after`, which files the task under Blocked with what it waits for.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Schedule } from '../../src/core/schedule';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { ScheduleNode } from '../../src/extension/views/nodes/scheduleNode';
import type { ScheduleRunNode } from '../../src/extension/views/nodes/scheduleRunNode';
import type { TaskNode } from '../../src/extension/views/nodes/taskNode';
import { answering } from '../support/answering';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

const schedule = (input: Record<string, unknown>) =>
  vscode.commands.executeCommand<Schedule | undefined>('dispatch.scheduleTask', { agent: 'fake', ...input });

describe('schedules and dependencies', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    await engineOf(api);
  });

  afterEach(async () => {
    const engine = await engineOf(api);
    for (const s of engine.schedules.list()) {
      if (s.status === 'active' || s.status === 'paused') await engine.schedules.cancel(s.id);
    }
    await cancelAll(api);
  });

  // Checks are synchronous: waitFor polls them.
  const rowNow = (id: string) =>
    (api.views.schedules.getChildren() as ScheduleNode[]).find((n) => n.scheduleId === id);
  const row = (id: string) => waitFor(`schedule ${id} in the Schedules view`, () => rowNow(id));
  const itemWith = (id: string, contextValue: string) =>
    waitFor(`schedule ${id} to show as ${contextValue}`, () => {
      const node = rowNow(id);
      const shown = node && api.views.schedules.getTreeItem(node);
      return shown?.contextValue === contextValue ? shown : undefined;
    });
  const runsOf = (id: string) => {
    const node = rowNow(id);
    return node ? (api.views.schedules.getChildren(node) as ScheduleRunNode[]) : [];
  };

  it('schedules a cron task and lists it with its next run; pause, resume and cancel change the row', async () => {
    const created = await schedule({ prompt: 'out:1', title: 'Weekday triage', cron: '0 9 * * 1-5' });
    assert.ok(created, 'Schedule Task returned the schedule');
    assert.equal(created.status, 'active');
    const shown = await itemWith(created.id, 'schedule.active');
    assert.equal(shown.label, 'Weekday triage');
    assert.match(String(shown.description), /^fake · next .*09:00 · 0 9 \* \* 1-5$/);

    await vscode.commands.executeCommand('dispatch.pauseSchedule', await row(created.id));
    assert.match(String((await itemWith(created.id, 'schedule.paused')).description), /paused/);
    assert.equal((await engineOf(api)).schedules.get(created.id).nextRunAt, null);

    await vscode.commands.executeCommand('dispatch.resumeSchedule', created.id);
    await itemWith(created.id, 'schedule.active');

    // Run Now: the schedule's task once, outside the timetable, which stays as it was.
    const before = (await engineOf(api)).schedules.get(created.id);
    const now = await vscode.commands.executeCommand<Task>('dispatch.runScheduleNow', await row(created.id));
    assert.deepEqual([now.title, now.prompt, now.agent], ['Weekday triage', 'out:1', 'fake']);
    await taskIn(api, now.id, 'completed');
    const after = (await engineOf(api)).schedules.get(created.id);
    assert.deepEqual([after.nextRunAt, after.runCount], [before.nextRunAt, before.runCount]);
    assert.deepEqual((await engineOf(api)).schedules.runs(created.id), []);

    const kept = await answering(undefined, () =>
      vscode.commands.executeCommand('dispatch.cancelSchedule', created.id),
    );
    assert.match(kept.asked[0] ?? '', /Cancel the schedule "Weekday triage"\?/);
    assert.equal(
      (await engineOf(api)).schedules.get(created.id).status,
      'active',
      'dismissed: nothing changed',
    );
    await answering('Cancel Schedule', () =>
      vscode.commands.executeCommand('dispatch.cancelSchedule', created.id),
    );
    assert.match(String((await itemWith(created.id, 'schedule.cancelled')).description), /cancelled/);
  });

  it('fires a one-time run, which shows under its schedule and opens its task', async () => {
    const created = await schedule({ prompt: 'out:2', title: 'Soon', at: Date.now() + 1500 });
    assert.ok(created);
    const runNode = await waitFor('the run under its schedule', () => runsOf(created.id)[0], 15_000);
    assert.ok(runNode.taskId, 'the run made a task');
    await taskIn(api, runNode.taskId, 'completed');
    const runItem = await waitFor('the run to show its outcome', () => {
      const [latest] = runsOf(created.id);
      return latest?.run.outcome === 'completed' ? api.views.schedules.getTreeItem(latest) : undefined;
    });
    assert.equal(runItem.command?.command, 'dispatch.showOutput');
    assert.deepEqual(runItem.command?.arguments, [runNode.taskId]);
    await itemWith(created.id, 'schedule.finished');
  });

  it('refuses a bad schedule with the engine’s message and stores nothing', async () => {
    const before = (await engineOf(api)).schedules.list().length;
    assert.equal(await schedule({ prompt: 'x', cron: '0 9 * *' }), undefined);
    assert.equal(await schedule({ prompt: 'x', at: '2020-01-01T09:00' }), undefined);
    assert.equal(await schedule({ prompt: 'x' }), undefined, 'neither cron nor at');
    assert.equal((await engineOf(api)).schedules.list().length, before);
  });

  it('delegates a task that runs after another: Blocked with what it waits for, then runs', async () => {
    const first = await vscode.commands.executeCommand<Task>('dispatch.delegateTask', {
      prompt: 'sleep:1500 out:1',
      agent: 'fake',
    });
    const second = await vscode.commands.executeCommand<Task>('dispatch.delegateTask', {
      prompt: 'out:1',
      agent: 'fake',
      after: [first.id],
    });
    assert.equal(second.state, 'blocked');
    const node = await waitFor('the Blocked row', () => {
      const groups = api.views.tasks.getChildren();
      const blocked = groups.find((g) => g.kind === 'group' && g.state === 'blocked');
      return (
        blocked && (api.views.tasks.getChildren(blocked) as TaskNode[]).find((n) => n.taskId === second.id)
      );
    });
    const blockedItem = api.views.tasks.getTreeItem(node);
    assert.match(String(blockedItem.description), new RegExp(`waits for ${first.id}`));
    const ended = await taskIn(api, second.id, 'completed');
    const dependency = (await engineOf(api)).resolve(first.id);
    assert.ok(
      dependency.endedAt !== null && ended.startedAt !== null && ended.startedAt >= dependency.endedAt,
    );

    // Both tasks' hovers name the other; a retry is named in the original's hover, and back.
    const [retry] = await vscode.commands.executeCommand<Task[]>('dispatch.retryTask', first.id);
    assert.ok(retry);
    const hover = (id: string) => {
      const completed = api.views.tasks
        .getChildren()
        .find((g) => g.kind === 'group' && g.state === 'completed');
      const row =
        completed && (api.views.tasks.getChildren(completed) as TaskNode[]).find((n) => n.taskId === id);
      if (!row) return undefined;
      const item = api.views.tasks.resolveTreeItem(api.views.tasks.getTreeItem(row), row);
      return (item.tooltip as vscode.MarkdownString).value;
    };
    await taskIn(api, retry.id, 'completed');
    const original = await waitFor('the original in Completed', () => hover(first.id));
    assert.ok(original.includes(`**Needed by:** ${second.id}`), original);
    assert.ok(original.includes(`**Retried as:** ${retry.id}`), original);
    const dependent = await waitFor('the dependent in Completed', () => hover(second.id));
    assert.ok(dependent.includes(`**Ran after:** ${first.id}`), dependent);
    const retried = await waitFor('the retry in Completed', () => hover(retry.id));
    assert.ok(retried.includes(`**Retry of:** ${first.id}`), retried);
  });

  it('makes a blocked task wait for one more with Run After…, and refuses a cycle', async () => {
    const delegate = (prompt: string, after?: string[]) =>
      vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake', after });
    const gate = await delegate('sleep:20000');
    const other = await delegate('sleep:20000');
    const first = await delegate('out:1', [gate.id]);
    const waiting = await delegate('out:1', [first.id]);
    const result = await vscode.commands.executeCommand<Task>('dispatch.runAfter', {
      taskId: waiting.id,
      after: [other.id],
    });
    assert.equal(result?.state, 'blocked');
    const engine = await engineOf(api);
    assert.deepEqual(
      engine.relationsOf(waiting.id).dependsOn.map((t) => t.id),
      [first.id, other.id],
    );

    // first → waiting would close a loop: refused (the wrapper shows why), nothing stored.
    const refused = await vscode.commands.executeCommand('dispatch.runAfter', {
      taskId: first.id,
      after: [waiting.id],
    });
    assert.equal(refused, undefined);
    assert.equal(engine.resolve(first.id).state, 'blocked');
    assert.deepEqual(
      engine.relationsOf(first.id).dependsOn.map((t) => t.id),
      [gate.id],
    );
  });
});
