// The output panel's buttons, host side, in a real VS Code: Cancel and Retry reach the commands
// layer, Copy fills the clipboard, Open as Text opens the task's log (or, once a capped log has
// rotated, everything still kept) in an editor. The webview side of the buttons is the ui tier's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EngineHost } from '../../src/extension/engineHost';
import { runPanelAction } from '../../src/extension/outputPanel/panelActions';
import { type EngineFixture, openTestEngine } from '../support/engineFixture';

describe('output panel actions', () => {
  let fixture: EngineFixture;
  let log: vscode.LogOutputChannel;
  const called: string[] = [];
  const deps = (taskId: string) => ({
    taskId,
    log,
    host: { require: async () => fixture.engine } as unknown as EngineHost,
    commands: {
      cancel: async (id: string) => void called.push(`cancel ${id}`),
      retry: async (id: string) => void called.push(`retry ${id}`),
    },
  });

  before(async () => {
    fixture = await openTestEngine({ maxOutputMB: 1 });
    log = vscode.window.createOutputChannel('Agent Dispatch (panel action tests)', { log: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    log?.dispose();
    await fixture?.dispose();
  });

  async function finished(prompt: string): Promise<string> {
    const task = await fixture.engine.delegate({ prompt, agent: 'fake' });
    const deadline = Date.now() + 20_000;
    while (fixture.engine.resolve(task.id).state !== 'completed') {
      assert.ok(Date.now() < deadline, `${prompt} did not complete`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return task.id;
  }

  it('hands Cancel and Retry to the commands layer', async () => {
    await runPanelAction({ type: 'webview/cancel' }, deps('t1'));
    await runPanelAction({ type: 'webview/retry' }, deps('t1'));
    assert.deepEqual(called, ['cancel t1', 'retry t1']);
  });

  it('copies the given text to the clipboard', async () => {
    await runPanelAction({ type: 'webview/copy', text: 'out 1\nout 2' }, deps('t1'));
    assert.equal(await vscode.env.clipboard.readText(), 'out 1\nout 2');
  });

  it('opens the log file itself as text', async () => {
    const id = await finished('out:3');
    await runPanelAction({ type: 'webview/openAsText' }, deps(id));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.fsPath, fixture.engine.store.paths.logPath(id));
    assert.match(document?.getText() ?? '', /out 1[\s\S]*out 3/);
  });

  it('opens everything still kept once a capped log has rotated', async () => {
    // 3 MB through a 1 MB cap: the log rotated, so <id>.log alone is only the newest segment.
    const id = await finished('flood:3 out:1');
    await runPanelAction({ type: 'webview/openAsText' }, deps(id));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.isUntitled, true);
    const text = document?.getText() ?? '';
    assert.ok(text.length > 512 * 1024, `kept ${text.length} characters`);
    assert.ok(text.length <= 1024 * 1024 + 200);
    assert.match(text, /out 1/);
  });
});
