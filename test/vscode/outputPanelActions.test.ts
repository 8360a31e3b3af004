// The output panel's buttons, host side, in a real VS Code: Cancel and Retry reach the commands
// layer, Copy fills the clipboard, Open as Text opens the output as plain text (escapes removed,
// following a running task, both segments of a rotated log) in a read-only editor. Documents are
// served on a scheme of this test's own, from an engine of its own with a 1 MB output cap. The
// webview side of the buttons is the ui tier's; the real extension's wiring is in
// outputPanelExtension.test.ts.
// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these tests look for escape sequences.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineHost } from '../../src/extension/engineHost';
import { createOutputDocuments } from '../../src/extension/outputPanel/outputDocuments';
import { runPanelAction } from '../../src/extension/outputPanel/panelActions';
import { waitFor } from '../support/cli';
import { type EngineFixture, openTestEngine } from '../support/engineFixture';

const SCHEME = 'dispatch-output-test';

/** The fixture's engine as the extension's host, its change events included (they poke the reads). */
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

describe('output panel actions', function () {
  this.timeout(60_000);
  let fixture: EngineFixture;
  let host: EngineHost;
  let log: vscode.LogOutputChannel;
  let documents: ReturnType<typeof createOutputDocuments>;
  const called: string[] = [];
  const deps = (taskId: string) => ({
    taskId,
    log,
    documents,
    commands: {
      resume: async (id: string) => void called.push(`resume ${id}`),
      cancel: async (id: string) => void called.push(`cancel ${id}`),
      retry: async (id: string) => void called.push(`retry ${id}`),
      retryFull: async (id: string) => void called.push(`retryFull ${id}`),
      reply: async (id: string, message: string) => void called.push(`reply ${id} ${message}`),
      review: async (id: string) => void called.push(`review ${id}`),
      apply: async (id: string) => void called.push(`apply ${id}`),
      discard: async (id: string) => void called.push(`discard ${id}`),
    },
  });

  before(async () => {
    fixture = await openTestEngine({ maxOutputMB: 1 });
    host = testHost(fixture);
    log = vscode.window.createOutputChannel('Agent Dispatch (panel action tests)', { log: true });
    documents = createOutputDocuments({ host, log, scheme: SCHEME });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(
      'every task to end',
      () => fixture.engine.list({ states: ['queued', 'running'] }).length === 0,
      20_000,
    );
    documents?.dispose();
    host?.dispose();
    log?.dispose();
    await fixture?.dispose();
  });

  async function finished(prompt: string, title?: string): Promise<string> {
    const task = await fixture.engine.delegate({ prompt, agent: 'fake', title });
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
    assert.deepEqual(called.splice(0), ['cancel t1', 'retry t1']);
  });

  it('hands Resume Now on a paused task to the commands layer', async () => {
    await runPanelAction({ type: 'webview/resume' }, deps('t3'));
    assert.deepEqual(called.splice(0), ['resume t3']);
  });

  it("hands a worktree task's Review, Apply and Discard to the commands layer", async () => {
    await runPanelAction({ type: 'webview/review' }, deps('t2'));
    await runPanelAction({ type: 'webview/apply' }, deps('t2'));
    await runPanelAction({ type: 'webview/discard' }, deps('t2'));
    assert.deepEqual(called.splice(0), ['review t2', 'apply t2', 'discard t2']);
  });

  it('copies the given text to the clipboard', async () => {
    await runPanelAction({ type: 'webview/copy', text: 'out 1\nout 2' }, deps('t1'));
    assert.equal(await vscode.env.clipboard.readText(), 'out 1\nout 2');
  });

  it('opens the output as plain text on its own scheme, escape sequences removed', async () => {
    const printed =
      '\x1b]8;;https://example.com\x07a link\x1b]8;;\x07 \x1b]0;a title\x07done\nfetch 10%\rfetch 100%\n';
    const id = await finished(`out:3 err:2 text:${Buffer.from(printed).toString('base64url')}`, 'coloured');
    await runPanelAction({ type: 'webview/openAsText' }, deps(id));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, SCHEME);
    assert.equal(document?.uri.path, `/coloured (${id}).log`);
    assert.equal(document?.languageId, 'log');
    const text = document?.getText() ?? '';
    assert.doesNotMatch(text, /\x1b/);
    // stdout and stderr come through two pipes: each is in order, not necessarily both together.
    assert.match(text, /^out 1\nout 2\nout 3\n/);
    assert.match(text, /\nout 3\n(err 1\nerr 2\n)?a link done\nfetch 100%\n/);
    assert.match(text, /\nerr 1\nerr 2\n/);
    assert.match(text, /\ndispatch: the agent exited with code 0[^\n]*\n$/, 'the supervisor’s own notice');
    // The raw log is untouched: the colours are still there for a terminal.
    assert.match(readFileSync(fixture.engine.state.paths.logPath(id), 'utf8'), /\x1b\[32mout 1/);
  });

  it('updates the text while the task is still printing', async () => {
    // Two lines, then the agent waits at a gate; the rest comes once the test opens it, and the
    // agent ends only at the second gate, so the document is seen growing while the task runs.
    const [more, end] = ['more', 'end'].map((name) => path.join(fixture.workspace, name));
    const task = await fixture.engine.delegate({
      prompt: `drip:2:1000 gate:${more} drip:300:1000 gate:${end}`,
      agent: 'fake',
      title: 'dripping',
    });
    const logPath = fixture.engine.state.paths.logPath(task.id);
    await waitFor(
      'the first lines',
      () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('drip 2'),
    );
    await runPanelAction({ type: 'webview/openAsText' }, deps(task.id));
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.getText(), 'drip 1\ndrip 2\n');
    writeFileSync(more!, '');
    await waitFor('the later lines', () => document.getText().includes('\ndrip 299\n'));
    assert.equal(fixture.engine.resolve(task.id).state, 'running', 'it grew while the task ran');
    const text = document.getText();
    assert.doesNotMatch(text, /\x1b/);
    assert.match(text, /^drip 1\ndrip 2\ndrip 1\ndrip 2\n/);
    assert.match(text, /\ndrip 294\n● tool call 295: read src\/file295\.ts\ndrip 296\n/);
    writeFileSync(end!, '');
    await waitFor('the task to end', () => fixture.engine.resolve(task.id).state === 'completed');
  });

  it('shows both kept segments of a rotated log, saying what the cap dropped', async () => {
    // 3 MB through a 1 MB cap: the log rotated, so <id>.log alone is only the newest segment.
    const id = await finished('flood:3 out:1', 'flooded');
    assert.ok(existsSync(`${fixture.engine.state.paths.logPath(id)}.1`), 'the log rotated');
    await runPanelAction({ type: 'webview/openAsText' }, deps(id));
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    const [notice, ...kept] = text.split('\n');
    assert.match(
      notice!,
      /^\[The first 2\.\d MB of output were dropped \(setting dispatch\.maxOutputMB\)\.\]$/,
    );
    const keptLength = kept.join('\n').length;
    assert.ok(keptLength > 512 * 1024, `kept ${keptLength} characters: more than one segment`);
    assert.ok(keptLength <= 1024 * 1024);
    assert.match(kept[0]!, /^flood flood flood/, 'the line the cap cut into is left out');
    // The flood ends mid-line, so `out 1` ends that line.
    assert.match(text, /\nflood flood[^\n]*out 1\ndispatch: [^\n]*\n$/);
  });
});
