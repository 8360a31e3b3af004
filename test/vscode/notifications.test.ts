// Finish notifications of the real extension, per dispatch.notifications, captured by replacing
// vscode.window's message functions for the duration of a test (the extension shares this object).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

type Shown = { kind: string; message: string; actions: string[] };

describe('notifications', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;
  let shown: Shown[];
  const window = vscode.window as unknown as Record<string, unknown>;
  const kinds = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = new Map<string, unknown>();

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
  });

  beforeEach(() => {
    shown = [];
    for (const kind of kinds) {
      originals.set(kind, window[kind]);
      window[kind] = async (message: string, ...actions: unknown[]) => {
        shown.push({ kind, message, actions: actions.filter((a): a is string => typeof a === 'string') });
        return undefined;
      };
    }
  });

  afterEach(async () => {
    for (const kind of kinds) window[kind] = originals.get(kind);
    await cancelAll(api);
    await configure(api, { notifications: 'none' });
  });

  const delegate = (prompt: string) =>
    vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake' });
  const about = (task: Task) =>
    shown.filter((s) => s.message.endsWith(task.title) || s.message.includes(`${task.title} (`));

  it('announces completions and failures once each, with Show Output (and Retry on failure)', async () => {
    await configure(api, { notifications: 'all' });
    const ok = await delegate('out:1 sleep:300');
    const bad = await delegate('sleep:300 exit:4');
    await taskIn(api, ok.id, 'completed');
    await taskIn(api, bad.id, 'failed');
    await waitFor(
      'both notifications',
      () =>
        shown.some((s) => s.message.startsWith('Failed:')) &&
        shown.some((s) => s.message.startsWith('Completed:')),
    );
    await new Promise((r) => setTimeout(r, 500)); // and no second one
    assert.deepEqual(
      about(ok).map((s) => [s.kind, s.message, s.actions]),
      [
        ['showInformationMessage', `Queued: ${ok.title}`, ['Show Output']],
        ['showInformationMessage', `Completed: ${ok.title}`, ['Show Output']],
      ],
    );
    const failed = about(bad).filter((s) => s.message.startsWith('Failed:'));
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.kind, 'showErrorMessage');
    assert.deepEqual(failed[0]!.actions, ['Show Output', 'Retry']);
  });

  it('announces only failures with "failures", and nothing with "none"', async () => {
    await configure(api, { notifications: 'failures' });
    const ok = await delegate('out:1');
    const bad = await delegate('exit:5');
    await taskIn(api, ok.id, 'completed');
    await taskIn(api, bad.id, 'failed');
    await waitFor('the failure', () => shown.some((s) => s.message.startsWith(`Failed: ${bad.title}`)));
    assert.ok(!shown.some((s) => s.message.startsWith('Completed:')));

    await configure(api, { notifications: 'none' });
    const quiet = await delegate('exit:6');
    await taskIn(api, quiet.id, 'failed');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!shown.some((s) => s.message.startsWith(`Failed: ${quiet.title}`)));
  });
});
