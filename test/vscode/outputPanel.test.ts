// The output panels in a real VS Code: show() opens one panel per task and reuses it, the panel
// restorer is registered, and the host speaks the protocol — host/init with the tail once the
// webview is ready, host/append as the agent prints, host/task when it ends, and again after a
// hidden panel's document is rebuilt. Observed through the controller's message tap, not the DOM
// (the ui tier looks at the DOM). The panels here use their own view type and an engine of their
// own on a temp folder, so they never meet the extension's own panels or engine.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineHost } from '../../src/extension/engineHost';
import {
  createOutputPanels,
  type OutputPanelsService,
  type PanelCommands,
} from '../../src/extension/outputPanel/outputPanels';
import type { MessageTap } from '../../src/extension/outputPanel/panelController';
import { createRestoreGate, visiblePanelsToRestore } from '../../src/extension/outputPanel/restoreGate';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/outputPanel';
import { waitFor } from '../support/cli';
import { type EngineFixture, openTestEngine } from '../support/engineFixture';

const VIEW_TYPE = 'dispatch.output.test';
type Tapped = Parameters<MessageTap>[0];

/** Panel buttons for panels whose buttons these tests do not press. */
const IGNORED_COMMANDS: PanelCommands = {
  resume: async () => {},
  cancel: async () => {},
  retry: async () => {},
  retryFull: async () => {},
  reply: async () => {},
  review: async () => {},
  apply: async () => {},
  discard: async () => {},
};

function testHost(fixture: EngineFixture): EngineHost {
  const emitter = new vscode.EventEmitter<void>();
  const subscription = fixture.engine.onDidChange(() => emitter.fire());
  return {
    engine: fixture.engine,
    problem: undefined,
    canRun: true,
    onDidChange: emitter.event,
    require: async () => fixture.engine,
    dispose() {
      subscription.dispose();
      emitter.dispose();
    },
  };
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE)),
  );
}

const textOf = (messages: HostToWebview[]) =>
  messages
    .flatMap((m) => (m.type === 'host/init' || m.type === 'host/append' ? m.chunks : []))
    .map((c) => c.text);

describe('output panels', function () {
  // A new webview can take seconds on a loaded machine (its service worker is installed anew).
  this.timeout(120_000);
  let fixture: EngineFixture;
  let host: EngineHost;
  let panels: OutputPanelsService;
  let log: vscode.LogOutputChannel;
  let tapped: Tapped[];
  const commands = {
    resumed: [] as string[],
    cancelled: [] as string[],
    retried: [] as string[],
    replied: [] as string[],
    worktree: [] as string[],
  };

  const messages = (taskId: string) => tapped.filter((t) => t.taskId === taskId).map((t) => t.message);
  const toWebview = (taskId: string) =>
    messages(taskId).filter((m): m is HostToWebview => m.type.startsWith('host/'));
  const count = (taskId: string, type: (HostToWebview | WebviewToHost)['type']) =>
    messages(taskId).filter((m) => m.type === type).length;

  before(async () => {
    fixture = await openTestEngine();
    host = testHost(fixture);
    log = vscode.window.createOutputChannel('Agent Dispatch (output panel tests)', { log: true });
    const extension = vscode.extensions.getExtension('agent-dispatch.agent-dispatch');
    assert.ok(extension);
    // Its restorer is registered in activate(), which onStartupFinished may not have run yet
    // when this file runs first.
    await extension.activate();
    panels = createOutputPanels({
      host,
      log,
      viewType: VIEW_TYPE,
      extensionUri: extension.extensionUri,
      tap: (event) => tapped.push(event),
      commands: {
        resume: async (id) => void commands.resumed.push(id),
        cancel: async (id) => void commands.cancelled.push(id),
        retry: async (id) => void commands.retried.push(id),
        retryFull: async (id) => void commands.retried.push(`full ${id}`),
        reply: async (id, message) => void commands.replied.push(`${id} ${message}`),
        review: async (id) => void commands.worktree.push(`review ${id}`),
        apply: async (id) => void commands.worktree.push(`apply ${id}`),
        discard: async (id) => void commands.worktree.push(`discard ${id}`),
      },
      documents: { open: async () => {} },
    });
  });

  beforeEach(() => {
    tapped = [];
  });

  afterEach(async () => {
    panels.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    // Let the last tasks end, so no supervisor is still writing while the folder is removed.
    await waitFor(
      'every task to end',
      () => fixture.engine.list({ states: ['queued', 'running'] }).length === 0,
    );
    host?.dispose();
    log?.dispose();
    await fixture?.dispose();
  });

  it('registers the panel restorer for dispatch.output (a second registration is refused)', () => {
    assert.throws(
      () =>
        vscode.window.registerWebviewPanelSerializer('dispatch.output', {
          deserializeWebviewPanel: async () => {},
        }),
      /already registered/,
    );
  });

  it('opens one panel per task and reveals it when shown again', async () => {
    const a = await fixture.engine.delegate({ prompt: 'out:1', agent: 'fake', title: 'task A' });
    const b = await fixture.engine.delegate({ prompt: 'out:1', agent: 'fake', title: 'task B' });
    await panels.show(a.id);
    await panels.show(a.id);
    // The tab model follows the panel asynchronously.
    await waitFor('one tab', () => panelTabs().length === 1 && panelTabs()[0]?.label === 'task A', 5000);
    await panels.show(b.id);
    await panels.show(a.id.slice(0, 8)); // an id prefix finds the open panel too
    assert.deepEqual(panels.openTaskIds().sort(), [a.id, b.id].sort());
    await waitFor(
      'two tabs, A active',
      () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return panelTabs().length === 2 && active?.label === 'task A';
      },
      5000,
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(panelTabs().length, 2, 'still two: no panel was opened twice');
  });

  it('refuses an unknown task with a message a person can act on', async () => {
    await assert.rejects(panels.show('no-such-task'), /no-such-task/);
    assert.equal(panelTabs().length, 0);
  });

  it('sends the tail on ready, appends as the agent prints, then the final state', async () => {
    // The agent prints, then waits at a gate the test opens once the panel has its tail.
    const gate = path.join(fixture.workspace, 'gate-tail');
    const task = await fixture.engine.delegate({ prompt: `out:3 gate:${gate} err:2`, agent: 'fake' });
    const log = fixture.engine.state.paths.logPath(task.id);
    await waitFor('the first lines in the log', () => {
      try {
        return readFileSync(log, 'utf8').includes('out 3');
      } catch {
        return false;
      }
    });
    await panels.show(task.id);
    // A new webview can take seconds on a loaded machine.
    await waitFor('webview/ready then host/init', () => count(task.id, 'host/init') > 0, 60_000);
    const kinds = messages(task.id).map((m) => m.type);
    assert.ok(kinds.indexOf('webview/ready') < kinds.indexOf('host/init'), 'nothing is sent before ready');
    const init = toWebview(task.id).find((m) => m.type === 'host/init');
    assert.equal(init?.type === 'host/init' && init.task.state, 'running');
    assert.equal(
      init?.type === 'host/init' && init.task.runningIn,
      'this window',
      'the engine of this host runs it',
    );
    assert.match(textOf([init!]).join(''), /out 1[\s\S]*out 3/);

    writeFileSync(gate, '');
    await waitFor(
      'the final state',
      () => toWebview(task.id).some((m) => m.type === 'host/task' && m.task.state === 'completed'),
      15_000,
    );
    const all = toWebview(task.id);
    const appended = textOf(all.filter((m) => m.type === 'host/append')).join('');
    assert.match(appended, /err 1[\s\S]*err 2/);
    assert.doesNotMatch(appended, /out 1/, 'appends continue after the tail, without repeating it');
    const last = all.map((m) => m.type).lastIndexOf('host/append');
    const final = all.findIndex((m) => m.type === 'host/task' && m.task.state === 'completed');
    assert.ok(last < final, 'the last output arrives before the final header');
  });

  it('shows a queued task at once and streams it when it starts', async () => {
    // Its own engine with one worker, so a second task waits behind the first.
    const single = await openTestEngine({ maxWorkers: 1 });
    const singleHost = testHost(single);
    const own = createOutputPanels({
      host: singleHost,
      log,
      viewType: VIEW_TYPE,
      extensionUri: vscode.extensions.getExtension('agent-dispatch.agent-dispatch')!.extensionUri,
      tap: (event) => tapped.push(event),
      commands: IGNORED_COMMANDS,
      documents: { open: async () => {} },
    });
    try {
      const gate = path.join(single.workspace, 'gate-first');
      await single.engine.delegate({ prompt: `gate:${gate}`, agent: 'fake' });
      const waiting = await single.engine.delegate({ prompt: 'out:3', agent: 'fake' });
      await own.show(waiting.id);
      await waitFor('init', () => count(waiting.id, 'host/init') > 0, 60_000);
      const init = toWebview(waiting.id).find((m) => m.type === 'host/init');
      assert.equal(init?.type === 'host/init' && init.task.state, 'queued');
      assert.deepEqual(init?.type === 'host/init' && init.chunks, []);
      writeFileSync(gate, ''); // the first task ends, the waiting one starts
      await waitFor(
        'completed',
        () => toWebview(waiting.id).some((m) => m.type === 'host/task' && m.task.state === 'completed'),
        20_000,
      );
      const states = toWebview(waiting.id).flatMap((m) => (m.type === 'host/task' ? [m.task.state] : []));
      assert.deepEqual(states, ['running', 'completed']);
      assert.match(textOf(toWebview(waiting.id)).join(''), /out 1[\s\S]*out 3/);
    } finally {
      own.dispose();
      singleHost.dispose();
      await single.dispose();
    }
  });

  it('starts over when a hidden panel is shown again (its document was rebuilt)', async () => {
    const a = await fixture.engine.delegate({ prompt: 'out:2', agent: 'fake', title: 'first' });
    const b = await fixture.engine.delegate({ prompt: 'out:1', agent: 'fake', title: 'second' });
    await waitFor(
      'both finished',
      () =>
        fixture.engine.list({ states: ['completed'] }).filter((t) => t.id === a.id || t.id === b.id)
          .length === 2,
      15_000,
    );
    await panels.show(a.id);
    await waitFor('init of A', () => count(a.id, 'host/init') === 1, 60_000);
    await panels.show(b.id); // same column: A is hidden
    await waitFor('init of B', () => count(b.id, 'host/init') === 1, 60_000);
    await panels.show(a.id);
    await waitFor('a second ready and init for A', () => count(a.id, 'host/init') === 2, 60_000);
    assert.equal(count(a.id, 'webview/ready'), 2);
    const inits = toWebview(a.id).filter((m) => m.type === 'host/init');
    assert.deepEqual(textOf(inits.slice(1)), textOf(inits.slice(0, 1)), 'the same tail again');
    assert.equal(inits[1]?.type === 'host/init' && inits[1].task.state, 'completed');
  });

  it('lets the panels on screen be restored before the engine opens (the restore gate)', async () => {
    const task = await fixture.engine.delegate({ prompt: 'out:1', agent: 'fake' });
    assert.equal(visiblePanelsToRestore(VIEW_TYPE), 0, 'no panel on screen yet');
    await panels.show(task.id);
    // The extension host learns of the new tab a moment after the panel is shown.
    await waitFor(
      'the panel on screen, counted from its tab',
      () => visiblePanelsToRestore(VIEW_TYPE) === 1,
      5000,
    );

    // What activate() does after a reload with that tab on screen: the engine waits for it.
    const gate = createRestoreGate(visiblePanelsToRestore(VIEW_TYPE), 60_000);
    let settled = false;
    void gate.settled.then(() => {
      settled = true;
    });
    const restoring = createOutputPanels({
      host,
      log,
      viewType: `${VIEW_TYPE}.restore`,
      extensionUri: vscode.extensions.getExtension('agent-dispatch.agent-dispatch')!.extensionUri,
      commands: IGNORED_COMMANDS,
      documents: { open: async () => {} },
      restoring: gate,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(settled, false, 'the gate holds until the panel is restored');
      const revived = vscode.window.createWebviewPanel(
        `${VIEW_TYPE}.restore`,
        'revived',
        vscode.ViewColumn.One,
      );
      await restoring.serializer.deserializeWebviewPanel(revived, {
        taskId: task.id,
        follow: true,
        showTimestamps: false,
        query: '',
      });
      await gate.settled;
      assert.deepEqual(restoring.openTaskIds(), [task.id], 'the restored panel shows the task');
    } finally {
      restoring.dispose();
    }

    // Without panels on screen the engine does not wait; if VS Code never asks, only the cap.
    let none = false;
    await createRestoreGate(0, 60_000).settled.then(() => {
      none = true;
    });
    assert.ok(none);
    const capped = Date.now();
    await createRestoreGate(1, 200).settled;
    assert.ok(Date.now() - capped >= 190, 'held until its cap');
  });

  it('forgets a panel when it is closed', async () => {
    const task = await fixture.engine.delegate({ prompt: 'out:1', agent: 'fake' });
    await panels.show(task.id);
    assert.deepEqual(panels.openTaskIds(), [task.id]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the panel to be forgotten', () => panels.openTaskIds().length === 0, 5000);
  });
});
