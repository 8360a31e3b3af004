// A task paused at its agent's usage limit in the real extension: the notification of a task
// delegated here says so with Resume Now and follows it on after the resume; a pause begun by a
// terminal's task is told once; and with dispatch.usageLimit.autoResume off, every place that
// words the pause (Tasks row and hover, Workers row, status bar, output panel header) says it
// waits for Resume Now — until no paused task is left. Several followed tasks one limit stops are
// told in one message. Claude is limit-agent.js, which prints Claude's real limit message
// (docs/agents.md) with a reset `limit:<seconds>` away. Messages are captured by replacing
// vscode.window's functions for the duration of a test, as notifications.test.ts does.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import { readSummary } from '../../src/extension/outputPanel/taskSummary';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { TasksViewNode } from '../../src/extension/views/tasksView';
import { fakeAgent, runCli, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

type Shown = { kind: string; message: string; actions: string[] };
type Progress = { lines: string[]; done: boolean };

describe('usage limits in the editor', function () {
  this.timeout(90_000);
  let api: DispatchTestApi;
  let shown: Shown[];
  let progress: Progress[];
  /** The action a captured message answers with, by what its text includes. */
  let answers: [string, string][];
  const window = vscode.window as unknown as Record<string, unknown>;
  const kinds = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = new Map<string, unknown>();
  const runs = mkdtempSync(path.join(tmpdir(), 'dispatch-limit-runs-'));
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

  before(async () => {
    api = await dispatchApi();
    await configure(api, {
      ...TEST_SETTINGS,
      agents: {
        ...(TEST_SETTINGS.agents as object),
        claude: {
          command: fakeAgent('limit-agent.js'),
          env: { FAKE_CLI: 'claude', RECORD_FILE: path.join(runs, 'runs.txt'), RUNS_DIR: runs },
        },
      },
    });
  });

  beforeEach(() => {
    shown = [];
    progress = [];
    answers = [];
    for (const kind of [...kinds, 'withProgress']) originals.set(kind, window[kind]);
    for (const kind of kinds) {
      window[kind] = async (message: string, ...actions: unknown[]) => {
        shown.push({ kind, message, actions: actions.filter((a): a is string => typeof a === 'string') });
        return answers.find(([about]) => message.includes(about))?.[1];
      };
    }
    window.withProgress = (
      _options: vscode.ProgressOptions,
      task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>,
    ) => {
      const entry: Progress = { lines: [], done: false };
      progress.push(entry);
      const result = task(
        { report: (v) => v.message && entry.lines.push(v.message) },
        new vscode.CancellationTokenSource().token,
      );
      void Promise.resolve(result).then(() => {
        entry.done = true;
      });
      return result;
    };
  });

  afterEach(async () => {
    for (const [kind, original] of originals) window[kind] = original;
    const engine = await engineOf(api);
    for (const task of engine.list({ states: ['paused'] })) await engine.cancel(task.id);
    for (const pause of engine.agents.pauses()) await engine.agents.resumeAgent(pause.agent);
    await cancelAll(api);
    await configure(api, { notifications: 'none', 'usageLimit.autoResume': true });
  });

  after(async () => {
    await configure(api, { agents: TEST_SETTINGS.agents });
  });

  const about = (title: string) => shown.filter((s) => s.message.includes(title));
  const progressOf = (title: string) => progress.filter((p) => p.lines.some((l) => l.includes(title)));

  it('tells a followed task’s pause with Resume Now, then follows it running again to its end', async () => {
    await configure(api, { notifications: 'all' });
    // The person answers the pause with Resume Now (the limit would reset only in an hour); the
    // task's second run gets past the limit.
    answers.push(['Paused: ', 'Resume Now']);
    const task = await vscode.commands.executeCommand<Task>('dispatch.delegateTask', {
      prompt: 'limit:3600:1 Tidy the lexer',
      agent: 'claude',
    });
    await waitFor('the pause told', () => about(task.title).length === 1);
    const [pause] = about(task.title);
    assert.equal(pause!.kind, 'showWarningMessage');
    assert.match(
      pause!.message,
      new RegExp(`^Paused: ${task.title} — claude hit its usage limit; resumes (\\w+ \\d+, )?\\d\\d:\\d\\d$`),
    );
    assert.deepEqual(pause!.actions, ['Resume Now', 'Show Output']);
    assert.ok(progressOf(task.title)[0]?.done, 'the progress closed at the pause');

    await taskIn(api, task.id, 'completed');
    await waitFor('the end told', () => about(task.title).length === 2);
    assert.match(about(task.title)[1]!.message, new RegExp(`^Completed in \\d+s: ${task.title}`));
    // Followed on after the resume, in a progress of its own that closed at the end.
    assert.equal(progressOf(task.title).length, 2);
    assert.ok(progress.every((p) => p.done));
    assert.equal(about('hit its usage limit').length, 1, 'no second message about the agent');
  });

  it('with autoResume off, says everywhere that the paused task waits for Resume Now, and follows it resumed here', async () => {
    await configure(api, { notifications: 'failures', 'usageLimit.autoResume': false });
    // From a terminal: not followed here, so this window (the only one, so the lead) tells the
    // agent's pause once.
    const run = runCli(folder(), ['delegate', '--agent', 'claude', 'limit:3600:1 Refactor the parser']);
    assert.equal(run.status, 0, run.stderr);
    const task = await taskIn(api, run.stdout.trim(), 'paused');
    const waits = /resets (\w+ \d+, )?\d\d:\d\d · waits for Resume Now/;
    await waitFor('the agent pause told', () => about('claude hit its usage limit').length === 1);
    const [notice] = about('claude hit its usage limit');
    assert.match(notice!.message, waits);
    assert.deepEqual(notice!.actions, ['Resume Now', 'Show Output']);

    // The Tasks row leads with its agent alone and says what the engine will do.
    const group = api.views.tasks
      .getChildren()
      .find((n) => api.views.tasks.getTreeItem(n).label === 'Paused');
    assert.ok(group, 'a Paused group');
    const node = api.views.tasks.getChildren(group).find((n: TasksViewNode) => n.kind === 'task')!;
    const item = api.views.tasks.getTreeItem(node);
    assert.equal(item.label, `claude · ${task.title}`);
    assert.match(String(item.description), /usage limit · resets .* · waits for Resume Now$/);
    const hover = (api.views.tasks.resolveTreeItem(item, node).tooltip as vscode.MarkdownString).value;
    const hoverText = hover.replace(/&nbsp;/g, ' ');
    assert.match(hoverText, new RegExp(`\\*\\*Next:\\*\\* ${waits.source}`));
    assert.doesNotMatch(hoverText, /resumes \d/);
    const [agentNode] = api.views.workers.getChildren().filter((n) => n.kind === 'pausedAgent');
    assert.match(String(api.views.workers.getTreeItem(agentNode!).description), waits);
    assert.match(api.statusBar.text, /claude paused · resets .* · waits for Resume Now/);
    const engine = await engineOf(api);
    assert.match(String(readSummary(engine, task.id, true)?.pausedWords), waits);

    // Turning it on redraws them all, though nothing in the shared state changed.
    await configure(api, { 'usageLimit.autoResume': true });
    await waitFor('the status bar to say it resumes', () =>
      /claude paused · resumes /.test(api.statusBar.text),
    );
    assert.match(String(api.views.tasks.getTreeItem(node).description), /usage limit · resumes /);
    assert.match(String(readSummary(engine, task.id, true)?.pausedWords), /^resumes /);
    await configure(api, { 'usageLimit.autoResume': false });
    await waitFor('the status bar to say it waits', () => waits.test(api.statusBar.text));
    assert.equal(about('claude hit its usage limit').length, 1, 'told once, not at every change');
    assert.equal(engine.resolve(task.id).state, 'paused', 'still waiting for the person');

    // Resume Now from this window: its notification follows the task from there to its end.
    await configure(api, { notifications: 'all' });
    await vscode.commands.executeCommand('dispatch.resumePausedTask', task.id);
    await taskIn(api, task.id, 'completed');
    const ended = () => about(task.title).filter((s) => s.message.startsWith('Completed'));
    await waitFor('its end told', () => ended().length === 1);
    assert.equal(progressOf(task.title).length, 1, 'followed in a progress notification');
    assert.ok(progressOf(task.title)[0]!.done);
  });

  it('tells the followed tasks one limit stopped in one message, whose Resume Now resumes them all', async () => {
    await configure(api, { notifications: 'all' });
    answers.push(['tasks wait', 'Resume Now']);
    const tasks: Task[] = [];
    for (const what of ['the lexer', 'the parser', 'the printer']) {
      tasks.push(
        await vscode.commands.executeCommand<Task>('dispatch.delegateTask', {
          prompt: `limit:3600:1 Rename ${what}`,
          agent: 'claude',
        }),
      );
    }
    await waitFor('the pause told', () => about('hit its usage limit').length > 0);
    const [told] = about('hit its usage limit');
    assert.equal(told!.kind, 'showWarningMessage');
    // Each is paused, or queued behind claude's pause if it was not claimed before it began.
    assert.match(told!.message, /^claude hit its usage limit — 3 tasks wait; resumes (\w+ \d+, )?\d\d:\d\d$/);
    assert.deepEqual(told!.actions, ['Resume Now', 'Show Tasks']);

    // Resume Now resumed claude: every task runs again, past the limit, and its end is told.
    for (const task of tasks) await taskIn(api, task.id, 'completed');
    const ends = () => shown.filter((s) => s.message.startsWith('Completed'));
    await waitFor('the three ends told', () => ends().length === 3);
    assert.equal(about('hit its usage limit').length, 1, 'one message for the pause');
    assert.deepEqual(about('Paused: '), [], 'none per task');
    const engine = await engineOf(api);
    assert.deepEqual(engine.agents.pauses(), []);
  });

  it('with autoResume off, says only the reset once the agent has no paused task left', async () => {
    await configure(api, { 'usageLimit.autoResume': false });
    const run = runCli(folder(), ['delegate', '--agent', 'claude', 'limit:3600:1 Sort the imports']);
    assert.equal(run.status, 0, run.stderr);
    const task = await taskIn(api, run.stdout.trim(), 'paused');
    const waits = /claude paused · resets (\w+ \d+, )?\d\d:\d\d · waits for Resume Now$/;
    await waitFor('the status bar to say it waits', () => waits.test(api.statusBar.text));

    // Its one paused task cancelled: claude's queue still waits for the reset, nothing for the person.
    const engine = await engineOf(api);
    await engine.cancel(task.id);
    const resets = /claude paused · resets (\w+ \d+, )?\d\d:\d\d$/;
    await waitFor('the status bar to say only the reset', () => resets.test(api.statusBar.text));
    const [agentNode] = api.views.workers.getChildren().filter((n) => n.kind === 'pausedAgent');
    const item = api.views.workers.getTreeItem(agentNode!);
    assert.match(String(item.description), /^paused at its usage limit · resets (\w+ \d+, )?\d\d:\d\d$/);
    assert.doesNotMatch((item.tooltip as vscode.MarkdownString).value, /Resume Now/);
    assert.equal(engine.agents.pauses().length, 1, 'claude stays paused until its reset');
  });
});
