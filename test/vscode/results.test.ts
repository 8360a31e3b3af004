// Issue 13 in the editor, against the real extension: Delegate Task with an autonomy and a model
// (the launched command line checked through replay-agent.js, which stands in for `claude` and
// records its argv), the result and refusals in the Tasks hover, Run Again with Full Autonomy,
// Reply… continuing the agent's own session, and a retry shown on a running task's row.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/task';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { TaskNode } from '../../src/extension/views/nodes/taskNode';
import { fakeAgent, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';

const argvFile = path.join(mkdtempSync(path.join(tmpdir(), 'dispatch-argv-')), 'argv.jsonl');

/** The arguments the agent of `taskId` was started with. */
function argvOf(taskId: string): string[] {
  const lines = readFileSync(argvFile, 'utf8').trim().split('\n');
  const found = lines
    .map((l) => JSON.parse(l) as { task: string; argv: string[] })
    .find((l) => l.task === taskId);
  assert.ok(found, `task ${taskId} started its agent`);
  return found.argv;
}
const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];
/** A hover's Markdown as a person reads it: text put in with appendText is escaped there. */
const hoverText = (item: vscode.TreeItem) =>
  (item.tooltip as vscode.MarkdownString).value
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');

describe('results, autonomy and replies in the editor', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, {
      ...TEST_SETTINGS,
      agents: {
        ...(TEST_SETTINGS.agents as object),
        claude: { command: fakeAgent('replay-agent.js'), env: { ARGV_FILE: argvFile } },
      },
    });
    await engineOf(api);
  });
  afterEach(async () => cancelAll(api));

  const delegate = (prompt: string, extra: Record<string, unknown> = {}) =>
    vscode.commands.executeCommand<Task>('dispatch.delegateTask', { prompt, agent: 'claude', ...extra });

  /** The Tasks row of `taskId` as the view draws it now, with its hover resolved. */
  function drawn(taskId: string, state: string): vscode.TreeItem | undefined {
    const provider = api.views.tasks;
    const node = provider
      .getChildren()
      .flatMap((group) =>
        group.kind === 'group' && group.state === state ? provider.getChildren(group) : [],
      )
      .find((n): n is TaskNode => n.kind === 'task' && n.taskId === taskId);
    return node && provider.resolveTreeItem(provider.getTreeItem(node), node);
  }
  const row = (taskId: string, state: string) =>
    waitFor(`task ${taskId} in the ${state} group`, () => drawn(taskId, state));

  it('delegates at an autonomy with a model, and the hover reads the result and the refusal', async () => {
    const task = await delegate('replay:claude-bash-default', {
      autonomy: 'read-only',
      model: 'mock-model-1',
    });
    assert.deepEqual([task.autonomy, task.model], ['read-only', 'mock-model-1']);
    await taskIn(api, task.id, 'completed');
    const argv = argvOf(task.id);
    assert.equal(after(argv, '--permission-mode'), 'plan', argv.join(' '));
    assert.equal(after(argv, '--model'), 'mock-model-1');

    const item = await row(task.id, 'completed');
    assert.match(String(item.label), /^claude \d+s · /);
    assert.match(String(item.description), /^read-only · 1 refused · /);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(item.contextValue, 'task.completed.refused');
    const hover = hoverText(item);
    assert.match(hover, /1 action refused: Bash "touch/);
    assert.match(hover, /\[Run again with full autonomy\]\(command:dispatch\.retryFullAutonomy\?/);
    assert.match(hover, /Done\. \(mock saw 4 messages\)/);
    assert.match(hover, /240 tokens in, 34 out · \$0\.0016/);
    assert.match(hover, /\*\*Autonomy:\*\* read-only — reads and answers/);
  });

  it('runs a refused task again with full autonomy, linked as a retry', async () => {
    const first = await delegate('replay:claude-bash-default');
    await taskIn(api, first.id, 'completed');
    const again = await vscode.commands.executeCommand<Task>('dispatch.retryFullAutonomy', first.id);
    assert.deepEqual([again.retryOf, again.autonomy, again.prompt], [first.id, 'full', first.prompt]);
    await taskIn(api, again.id, 'completed');
    assert.equal(after(argvOf(again.id), '--permission-mode'), 'bypassPermissions');
    assert.equal(after(argvOf(first.id), '--permission-mode'), 'acceptEdits', 'the default autonomy: edit');
  });

  it('replies from a task: the agent resumes its own session, and the reply’s panel opens', async () => {
    const first = await delegate('replay:claude-resume-first');
    await taskIn(api, first.id, 'completed');
    const reply = await vscode.commands.executeCommand<Task>('dispatch.replyTask', {
      taskId: first.id,
      message: 'replay:claude-resume',
    });
    assert.deepEqual(
      [reply.replyTo, reply.agent, reply.prompt],
      [first.id, 'claude', 'replay:claude-resume'],
    );
    await taskIn(api, reply.id, 'completed');
    const argv = argvOf(reply.id);
    assert.equal(after(argv, '--resume'), '84fe2d30-7e97-4d0b-849b-2b605ce876b4', argv.join(' '));
    assert.equal(after(argv, '-p'), 'replay:claude-resume', 'the message alone, no context');
    const hover = hoverText(await row(first.id, 'completed'));
    assert.match(hover, new RegExp(`\\*\\*Replied as:\\*\\* ${reply.id}`));
    await waitFor('the reply’s output panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some((t) => t.input instanceof vscode.TabInputWebview && t.label === reply.title),
    );
  });

  it('says on a running task’s row and hover that its agent is retrying', async () => {
    // Claude replaced by a slow replay of a run that retried a 401 twice (no autonomy flags: its
    // arguments are the script's own).
    await configure(api, {
      agents: {
        claude: {
          command: process.execPath,
          args: [fakeAgent('replay-capture.js'), '${prompt}', '1500'],
          autonomyArgs: {},
        },
      },
    });
    const task = await delegate('claude-r401-retries2');
    await taskIn(api, task.id, 'running');
    const item = await waitFor('the retry on the row', () => {
      const now = drawn(task.id, 'running');
      return now && /retrying \(\d\/2\): 401 authentication_failed/.test(String(now.description)) && now;
    });
    assert.match(hoverText(item), /\*\*Agent says:\*\* retrying \(\d\/2\): 401 authentication_failed/);
  });
});
