// The output panel's actions as the real extension wires them: Retry pressed in a failed task's
// panel opens the new task's panel (Retry from anywhere else opens none), and Open as Text is
// served on `dispatch-output:` by the extension's own engine.
// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these tests look for escape sequences.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import { panelCommands } from '../../src/extension/commands/panelCommands';
import { documentUri, OUTPUT_SCHEME } from '../../src/extension/outputPanel/outputDocuments';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

const delegate = (prompt: string, title: string) =>
  vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'fake', title });

/** The extension's output panels (the tab model knows their view type, not their task). */
const panelTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter(
      (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('dispatch.output'),
    ),
  );

describe('output panel actions in the extension', function () {
  // A new webview can take seconds on a loaded machine.
  this.timeout(120_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    await engineOf(api);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cancelAll(api);
  });

  it('opens the new task’s panel after Retry in the failed task’s panel', async () => {
    const failed = await delegate('out:2 exit:3', 'retried from its panel');
    await taskIn(api, failed.id, 'failed');
    await vscode.commands.executeCommand('dispatch.showOutput', failed.id);
    await waitFor('the failed task’s panel', () => panelTabs().length === 1, 10_000);

    await panelCommands.retry(failed.id);
    const engine = await engineOf(api);
    const retry = await waitFor('the retry', () => engine.list().find((t) => t.retryOf === failed.id));
    await waitFor('a second panel', () => panelTabs().length === 2, 10_000);
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(active?.input instanceof vscode.TabInputWebview, 'a panel is the active editor');
    assert.ok(active.input.viewType.endsWith('dispatch.output'));
    assert.ok(active.isActive);
    assert.equal(active.label, retry.title);
    await taskIn(api, retry.id, 'failed');
  });

  it('opens no panel when a task is retried from elsewhere', async () => {
    const failed = await delegate('exit:4', 'retried from the palette');
    await taskIn(api, failed.id, 'failed');
    const [retry] = await vscode.commands.executeCommand<Task[]>('dispatch.retryTask', failed.id);
    assert.equal(retry?.retryOf, failed.id);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(panelTabs().length, 0);
  });

  it('serves Open as Text on dispatch-output: from the extension’s engine', async () => {
    const task = await delegate('out:2', 'as text');
    await taskIn(api, task.id, 'completed');
    const document = await vscode.workspace.openTextDocument(documentUri(OUTPUT_SCHEME, task));
    assert.match(document.getText(), /^out 1\nout 2\ndispatch: the agent exited with code 0/);
    assert.equal(document.uri.path, `/as text (${task.id}).log`);
  });
});
