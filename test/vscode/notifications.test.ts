// The notifications of the real extension, per dispatch.notifications: a task delegated or cancelled
// in this window is followed by one progress notification updated in place, then one message with
// how it ended; other tasks are announced once. Captured by replacing vscode.window's message and
// progress functions for the duration of a test (the extension shares this object).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { runCli, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

type Shown = { kind: string; message: string; actions: string[] };
type Progress = { lines: string[]; done: boolean; cancel(): void };

describe('notifications', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;
  let shown: Shown[];
  let progress: Progress[];
  const window = vscode.window as unknown as Record<string, unknown>;
  const kinds = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = new Map<string, unknown>();

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
  });

  beforeEach(() => {
    shown = [];
    progress = [];
    for (const kind of [...kinds, 'withProgress']) originals.set(kind, window[kind]);
    for (const kind of kinds) {
      window[kind] = async (message: string, ...actions: unknown[]) => {
        shown.push({ kind, message, actions: actions.filter((a): a is string => typeof a === 'string') });
        return undefined;
      };
    }
    window.withProgress = (
      _options: vscode.ProgressOptions,
      task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>,
    ) => {
      const source = new vscode.CancellationTokenSource();
      const entry: Progress = { lines: [], done: false, cancel: () => source.cancel() };
      progress.push(entry);
      const result = task({ report: (v) => v.message && entry.lines.push(v.message) }, source.token);
      void Promise.resolve(result).then(() => {
        entry.done = true;
      });
      return result;
    };
  });

  afterEach(async () => {
    for (const [kind, original] of originals) window[kind] = original;
    await cancelAll(api);
    await configure(api, { notifications: 'none' });
  });

  const delegate = (prompt: string) =>
    vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake' });
  const about = (task: Task) => shown.filter((s) => s.message.includes(task.title));
  const progressOf = (task: Task) => progress.filter((p) => p.lines.some((l) => l.includes(task.title)));

  it('follows a delegated task in one notification updated in place, then says how it ended', async () => {
    await configure(api, { notifications: 'all' });
    const ok = await delegate('out:1 sleep:1500');
    const bad = await delegate('sleep:300 exit:4');
    await taskIn(api, ok.id, 'completed');
    await taskIn(api, bad.id, 'failed');
    await waitFor('both ends told', () => about(ok).length === 1 && about(bad).length === 1);
    await new Promise((r) => setTimeout(r, 500)); // and nothing more
    const [followed] = progressOf(ok);
    assert.equal(progressOf(ok).length, 1, 'one notification for the task');
    // Queued first, unless this window claimed the task before the notification drew.
    const lines = [`Queued: ${ok.title}`, `Running: ${ok.title} (fake)`];
    assert.deepEqual(followed!.lines, lines.slice(lines.length - followed!.lines.length));
    assert.equal(followed!.lines.at(-1), lines[1]);
    assert.ok(followed!.done, 'closed when the task ended');
    assert.deepEqual(
      about(ok).map((s) => [s.kind, s.actions]),
      [['showInformationMessage', ['Show Output', 'Reply…']]],
    );
    assert.match(about(ok)[0]!.message, new RegExp(`^Completed in \\d+s: ${ok.title}$`));
    assert.deepEqual(about(bad), [
      {
        kind: 'showErrorMessage',
        message: `Failed: ${bad.title} — exit code 4`,
        actions: ['Show Output', 'Retry'],
      },
    ]);
    assert.ok(!shown.some((s) => s.message.startsWith('Queued:')), 'no "Queued" toast left behind');
  });

  it('tells a cancel in the notification of the window where Cancel was pressed', async () => {
    await configure(api, { notifications: 'all' });
    const task = await delegate('sleep:20000');
    await taskIn(api, task.id, 'running');
    await waitFor('the running line', () =>
      progressOf(task)[0]?.lines.includes(`Running: ${task.title} (fake)`),
    );
    // The notification's own Cancel button cancels the task.
    progressOf(task)[0]!.cancel();
    await taskIn(api, task.id, 'cancelled');
    await waitFor('the end told', () => about(task).length === 1);
    assert.match(about(task)[0]!.message, new RegExp(`^Cancelled by you after \\d+s: ${task.title}$`));
    assert.equal(about(task)[0]!.kind, 'showWarningMessage');
    assert.equal(progressOf(task).length, 1);
  });

  it('offers Configure… instead of Retry when the task failed because its agent cannot run here', async () => {
    await configure(api, {
      notifications: 'all',
      agents: {
        ...(TEST_SETTINGS.agents as object),
        ghost: { command: '/nonexistent/ghost-agent', args: ['${prompt}'] },
      },
    });
    try {
      // A terminal stores it anyway (a worker with another PATH might run it); this window tries.
      const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const run = runCli(folder, ['delegate', 'anything', '--agent', 'ghost', '--title', 'Ghost run']);
      assert.equal(run.status, 0, run.stderr);
      const id = run.stdout.trim();
      const failed = await taskIn(api, id, 'failed');
      await waitFor('the failure told', () => about(failed).length === 1);
      const [notice] = about(failed);
      assert.equal(notice!.kind, 'showErrorMessage');
      assert.deepEqual(notice!.actions, ['Show Output', 'Configure…']);
      assert.match(notice!.message, /^Failed: Ghost run — could not start \/nonexistent\/ghost-agent: /);
      assert.doesNotMatch(notice!.message, /spawn-failed|`|\n/);
    } finally {
      await configure(api, { agents: TEST_SETTINGS.agents });
    }
  });

  it('announces only failures with "failures", without following, and nothing with "none"', async () => {
    await configure(api, { notifications: 'failures' });
    const ok = await delegate('out:1');
    const bad = await delegate('exit:5');
    await taskIn(api, ok.id, 'completed');
    await taskIn(api, bad.id, 'failed');
    await waitFor('the failure', () => shown.some((s) => s.message.startsWith(`Failed: ${bad.title}`)));
    assert.ok(!shown.some((s) => s.message.startsWith('Completed')));
    assert.deepEqual(progress, [], 'no progress notifications');

    await configure(api, { notifications: 'none' });
    const quiet = await delegate('exit:6');
    await taskIn(api, quiet.id, 'failed');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!shown.some((s) => s.message.includes(quiet.title)));
  });
});
