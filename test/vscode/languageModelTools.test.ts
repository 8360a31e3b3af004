// The language model tools as Copilot's agent mode calls them: vscode.lm.invokeTool on the real
// extension, outside a chat (no toolInvocationToken). The tasks they delegate appear in the views'
// models, and their answers are what a model reads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { fakeAgent, waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';
import { confirmationOf, invokeTool } from '../support/lmTools';

describe('language model tools', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;

  before(async () => {
    api = await dispatchApi();
    await configure(api, {
      ...TEST_SETTINGS,
      agents: {
        ...(TEST_SETTINGS.agents as object),
        // Claude's captured output replayed, its session included, so a reply can resume it.
        claude: { command: fakeAgent('replay-agent.js') },
      },
    });
    await engineOf(api);
  });

  afterEach(async () => cancelAll(api));

  it('declares and registers the task, worktree and loop tools', () => {
    const names = vscode.lm.tools.map((t) => t.name).filter((n) => n.startsWith('dispatch_'));
    const expected = [
      ...['dispatch_delegate', 'dispatch_reply', 'dispatch_status', 'dispatch_output', 'dispatch_cancel'],
      ...['dispatch_diff', 'dispatch_apply', 'dispatch_discard'],
      ...['dispatch_loop_start', 'dispatch_loop_status', 'dispatch_loop_cancel'],
    ];
    assert.deepEqual(names.sort(), [...expected].sort());
    assert.deepEqual([...api.lmTools.keys()].sort(), [...expected].sort());
    const delegate = vscode.lm.tools.find((t) => t.name === 'dispatch_delegate');
    assert.ok(delegate);
    assert.deepEqual((delegate.inputSchema as { required: string[] }).required, ['prompt']);
  });

  it('delegates a task that shows in the views, then reports its status and output', async () => {
    const answer = await invokeTool('dispatch_delegate', { prompt: 'out:3 sleep:300', agent: 'fake' });
    const id = /^Task (\w{12}) \(fake/.exec(answer)?.[1];
    assert.ok(id, answer);
    await waitFor('the task in the Tasks view', () =>
      (['queued', 'running', 'completed'] as const).some((s) =>
        api.live.tasks.group(s).tasks.some((t) => t.id === id),
      ),
    );
    await taskIn(api, id, 'completed');
    const status = await invokeTool('dispatch_status', { taskId: id.slice(0, 5) });
    assert.match(status, new RegExp(`^Task ${id} \\(fake, P1`));
    assert.match(status, /^State: completed/m);
    const output = await invokeTool('dispatch_output', { taskId: id, lines: 2 });
    assert.match(output, new RegExp(`^Task ${id} is completed; the last 2 lines of its transcript:\n`));
    assert.match(output, /dispatch: the agent exited with code 0/);
  });

  it('replies to a finished task after asking, as a new task that continues it', async () => {
    const first = await invokeTool('dispatch_delegate', {
      prompt: 'replay:claude-resume-first',
      agent: 'claude',
      title: 'First turn',
    });
    const id = /^Task (\w{12})/.exec(first)![1]!;
    const count = (await engineOf(api)).list().length;
    await taskIn(api, id, 'completed');

    const question = await confirmationOf(api, 'dispatch_reply', {
      taskId: id.slice(0, 6),
      message: 'replay:claude-resume',
    });
    assert.ok(question, 'a reply starts work, so it asks first');
    assert.equal(question.title, "Reply to claude's task?");
    assert.match(
      question.message,
      new RegExp(`Continues:\\*\\* task ${id} \\(claude, completed\\): First turn`),
    );
    assert.match(question.message, /replay:claude-resume/);

    const answer = await invokeTool('dispatch_reply', {
      taskId: id.slice(0, 6),
      message: 'replay:claude-resume',
    });
    const replyId = /^Task (\w{12})/.exec(answer)?.[1];
    assert.ok(replyId && replyId !== id, answer);
    assert.match(answer, new RegExp(`continues task ${id}'s session`));
    const reply = (await engineOf(api)).resolve(replyId);
    assert.equal(reply.replyTo, id);
    assert.equal(reply.agent, 'claude');
    assert.equal((await engineOf(api)).list().length, count + 1);
    await taskIn(api, replyId, 'completed');

    await assert.rejects(invokeTool('dispatch_reply', { taskId: id, message: '  ' }), /the reply is empty/);
  });

  it('refuses a reply to a task that has not ended', async () => {
    const answer = await invokeTool('dispatch_delegate', { prompt: 'sleep:30000', agent: 'fake' });
    const id = /^Task (\w{12})/.exec(answer)![1]!;
    await taskIn(api, id, 'running');
    const count = (await engineOf(api)).list().length;
    await assert.rejects(
      invokeTool('dispatch_reply', { taskId: id, message: 'out:1' }),
      new RegExp(`task ${id} is still running: reply once it has ended`),
    );
    assert.equal((await engineOf(api)).list().length, count);
  });

  it('cancels a running task', async () => {
    const answer = await invokeTool('dispatch_delegate', { prompt: 'sleep:30000', agent: 'fake' });
    const id = /^Task (\w{12})/.exec(answer)![1]!;
    await taskIn(api, id, 'running');
    const cancelled = await invokeTool('dispatch_cancel', { taskId: id });
    assert.match(cancelled, new RegExp(`^Task ${id} (cancelled|is being cancelled)`));
    await taskIn(api, id, 'cancelled');
  });

  it('refuses bad input with the engine’s message and stores nothing', async () => {
    const before = (await engineOf(api)).list().length;
    await assert.rejects(
      invokeTool('dispatch_delegate', { prompt: 'x', agent: 'nope' }),
      /unknown agent "nope"/,
    );
    await assert.rejects(invokeTool('dispatch_status', { taskId: 'zzzz' }), /zzzz/);
    assert.equal((await engineOf(api)).list().length, before);
  });
});
