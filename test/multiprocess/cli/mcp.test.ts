import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli } from '../../support/cli';
import { callTool as call, McpClients, type Structured } from '../../support/mcpClient';
import { GitWorkspace } from '../fixtures/gitWorkspace';

/**
 * `dispatch mcp` from the outside: the SDK's own client spawns the shipped dist/cli.js over stdio,
 * as Claude Code or VS Code would, and drives every tool against a real engine whose agents replay
 * captured CLI runs (test/fixtures/agents/replay-capture.js; the prompt names the capture). The
 * worktree and loop tools have their own files (mcpWorktrees, mcpLoops).
 */
describe('dispatch mcp: an MCP client over stdio', function () {
  this.timeout(120_000);
  let ws: string;
  const clients = new McpClients();
  const group = new ProcessGroup();

  beforeEach(() => {
    ws = makeWorkspace({
      'dispatch.outputFlushIntervalMs': 100,
      // Named like the built-in, so it keeps Claude's output format, result and session resume.
      'dispatch.agents': {
        claude: {
          command: process.execPath,
          args: [fakeAgent('replay-capture.js'), '${prompt}', '100'],
          resumeArgs: [fakeAgent('replay-capture.js'), '${prompt}', '100', '--resume', '${sessionId}'],
        },
      },
    });
  });
  afterEach(async () => {
    await clients.closeAll();
    await group.stopAll();
    rmSync(ws, { recursive: true, force: true });
    assert.deepEqual(clients.protocolErrors.splice(0), [], 'stdout carried only protocol messages');
  });

  const connect = (...args: string[]): Promise<Client> => clients.connect(ws, ...args);

  it('lists the tools with annotations saying which read and which destroy', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    const hints = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    assert.deepEqual(Object.keys(hints).sort(), [
      'apply',
      'cancel',
      'delegate',
      'diff',
      'discard',
      'list',
      'loop_cancel',
      'loop_start',
      'loop_status',
      'output',
      'reply',
      'status',
      'wait',
    ]);
    for (const name of ['list', 'status', 'output', 'wait', 'diff', 'loop_status'])
      assert.equal(hints[name]?.readOnlyHint, true, name);
    const acting = ['delegate', 'reply', 'cancel', 'apply', 'discard', 'loop_start', 'loop_cancel'];
    for (const name of acting) assert.equal(hints[name]?.readOnlyHint, false, name);
    for (const name of ['cancel', 'discard', 'loop_cancel'])
      assert.equal(hints[name]?.destructiveHint, true, name);
    for (const name of ['delegate', 'apply', 'loop_start'])
      assert.equal(hints[name]?.destructiveHint, false, name);
    const delegate = tools.find((t) => t.name === 'delegate')!;
    assert.equal(
      (delegate.inputSchema.properties?.worktree as { type?: string } | undefined)?.type,
      'boolean',
      'delegate takes worktree: boolean',
    );
    assert.match(delegate.description ?? '', /worktree/);
  });

  it('delegates, waits with progress, and reads the status, output and list; a reply continues it', async () => {
    const client = await connect();
    const delegated = await call(client, 'delegate', { prompt: 'claude-bash-default', agent: 'claude' });
    assert.equal(delegated.isError, false, delegated.text);
    const id: string = delegated.data.task.id;
    assert.equal(delegated.data.task.agent, 'claude');
    assert.match(delegated.text, new RegExp(`^Queued task ${id}`));

    const progress: { progress: number; message?: string }[] = [];
    const waited = await call(client, 'wait', { taskId: id.slice(0, 6), timeout: 100 }, (p) =>
      progress.push(p),
    );
    assert.equal(waited.data.ended, true, waited.text);
    assert.equal(waited.data.task.state, 'completed', waited.text);
    assert.ok(progress.length >= 1, 'progress notifications arrived');
    assert.match(progress[0]!.message ?? '', new RegExp(`^${id} (queued|running)`));
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.progress > progress[i - 1]!.progress);

    const status = await call(client, 'status', { taskId: id });
    const result = status.data.task.result;
    assert.equal(result.costUsd, 0.00164); // total_cost_usd in the capture
    assert.equal(result.usage.inputTokens, 240);
    assert.deepEqual(
      result.denials.map((d: { tool: string }) => d.tool),
      ['Bash'],
    );
    assert.equal(
      status.text,
      runCli(ws, ['show', id]).stdout.trimEnd(),
      'the text is what `dispatch show` prints',
    );
    const shown = JSON.parse(runCli(ws, ['show', id, '--json']).stdout);
    assert.deepEqual(status.data.task, shown, 'the record is what `dispatch show --json` prints');

    const output = await call(client, 'output', { taskId: id, lines: 4 });
    assert.equal(output.data.lines.length, 4);
    assert.ok(output.data.omittedLines > 0);
    assert.ok(
      output.data.lines.some((l: string) => l.startsWith('done · 240 in · 34 out · $0.0016')),
      output.text,
    );
    const raw = await call(client, 'output', { taskId: id, raw: true, lines: 1000 });
    assert.ok(
      raw.data.lines.some((l: string) => l.startsWith('{"type"')),
      'raw lines are the agent’s JSON',
    );

    const listed = await call(client, 'list', { state: 'completed' });
    assert.deepEqual(
      listed.data.tasks.map((t: Structured) => t.id),
      [id],
    );
    assert.match(listed.text, new RegExp(`^${id} +COMPLETED`));

    const replied = await call(client, 'reply', { taskId: id, message: 'claude-resume' });
    assert.equal(replied.isError, false, replied.text);
    assert.equal(replied.data.task.replyTo, id);
    const after = await call(client, 'wait', { taskId: replied.data.task.id, timeout: 100 });
    assert.equal(after.data.task.state, 'completed', after.text);
    const resumed = await call(client, 'output', { taskId: replied.data.task.id, lines: 1000 });
    assert.ok(
      resumed.data.lines.some((l: string) => l.includes('continuing claude session')),
      resumed.text,
    );
  });

  it("shows a worktree task's changes as `dispatch diff` prints them, and refuses a task without a worktree", async () => {
    rmSync(ws, { recursive: true, force: true });
    ws = new GitWorkspace().dir; // a real repository; afterEach removes it
    const client = await connect();
    const repo = (...args: string[]) => runCli(ws, args);
    const delegated = repo(
      'delegate',
      'sed -i s/two/TWO/ a.txt && echo new > src/new.txt',
      '--agent',
      'shell',
      '--worktree',
    );
    assert.equal(delegated.status, 0, delegated.stderr);
    const id = delegated.stdout.trim();
    const waited = await call(client, 'wait', { taskId: id, timeout: 100 });
    assert.equal(waited.data.task.state, 'completed', waited.text);

    const patch = await call(client, 'diff', { taskId: id });
    assert.equal(patch.isError, false, patch.text);
    assert.equal(`${patch.text}\n`, repo('diff', id).stdout, 'the text is what `dispatch diff` prints');
    assert.match(patch.text, /-two\n\+TWO/);
    assert.deepEqual(
      patch.data.files.map((f: Structured) => [f.path, f.status]),
      [
        ['a.txt', 'modified'],
        ['src/new.txt', 'added'],
      ],
    );
    assert.deepEqual(patch.data.summary, { files: 2, insertions: 2, deletions: 1 });
    const stat = await call(client, 'diff', { taskId: id.slice(0, 6), stat: true });
    assert.equal(`${stat.text}\n`, repo('diff', id, '--stat').stdout);
    assert.match(stat.text, /2 files changed, 2 insertions\(\+\), 1 deletion\(-\)/);

    const plain = repo('delegate', 'true', '--agent', 'shell').stdout.trim();
    const refused = await call(client, 'diff', { taskId: plain });
    assert.equal(refused.isError, true);
    assert.equal(
      refused.text,
      repo('diff', plain)
        .stderr.trim()
        .replace(/^dispatch: /, ''),
    );
    assert.match(refused.text, /did not run in a worktree/);
  });

  it('cancels a running task', async () => {
    const client = await connect();
    const long = await call(client, 'delegate', { prompt: 'sleep 60', agent: 'shell' });
    const id: string = long.data.task.id;
    let state = long.data.task.state;
    while (state !== 'running')
      state = (await call(client, 'wait', { taskId: id, timeout: 0.2 })).data.task.state;
    const cancelled = await call(client, 'cancel', { taskId: id });
    assert.equal(cancelled.isError, false, cancelled.text);
    assert.match(cancelled.text, new RegExp(`^${id} cancel`));
    const ended = await call(client, 'wait', { taskId: id, timeout: 100 });
    assert.equal(ended.data.task.state, 'cancelled', ended.text);
    const again = await call(client, 'cancel', { taskId: id });
    assert.equal(again.text, `${id} already cancelled`);
  });

  it('refuses bad arguments with the CLI’s message, stores nothing and keeps answering', async () => {
    const client = await connect();
    const cliMessage = (...args: string[]) => {
      const run = runCli(ws, args);
      assert.equal(run.status, 2, run.stderr);
      return run.stderr.trim().replace(/^dispatch: /, '');
    };
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['delegate', { prompt: '  ' }, ['delegate', '  ']],
      ['delegate', { prompt: 'x', agent: 'nope' }, ['delegate', 'x', '--agent', 'nope']],
      ['delegate', { prompt: 'x', priority: 'P9' }, ['delegate', 'x', '--priority', 'P9']],
      ['delegate', { prompt: 'x', cwd: 'missing' }, ['delegate', 'x', '--cwd', 'missing']],
      ['delegate', { prompt: 'x', after: ['zzzzzzzzzzzz'] }, ['delegate', 'x', '--after', 'zzzzzzzzzzzz']],
      ['status', { taskId: 'zzzz' }, ['show', 'zzzz']],
      ['output', { taskId: 'zzzz' }, ['logs', 'zzzz']],
      ['wait', { taskId: 'zzzz' }, ['wait', 'zzzz']],
      ['cancel', { taskId: 'zzzz' }, ['cancel', 'zzzz']],
      ['reply', { taskId: 'zzzz', message: 'more' }, ['reply', 'zzzz', 'more']],
      ['diff', { taskId: 'zzzz' }, ['diff', 'zzzz']],
      ['list', { state: 'done' }, ['list', '--state', 'done']],
    ];
    for (const [tool, args, cli] of cases) {
      const refused = await call(client, tool, args);
      assert.equal(refused.isError, true, `${tool} ${JSON.stringify(args)}`);
      assert.equal(refused.text, cliMessage(...cli), `${tool} ${JSON.stringify(args)}`);
    }
    const badTimeout = await call(client, 'delegate', { prompt: 'x', timeout: -1 });
    assert.equal(badTimeout.text, 'timeout must be a positive number, got "-1"');
    const wrongType = await call(client, 'delegate', { prompt: 42 });
    assert.equal(wrongType.isError, true);

    const listed = await call(client, 'list', {});
    assert.equal(listed.isError, false);
    assert.equal(listed.text, 'no tasks');
    assert.equal(runCli(ws, ['list']).stdout.trim(), 'no tasks');
  });

  it('with --no-worker only queues; a separate `dispatch worker` runs the task', async () => {
    const client = await connect('--no-worker');
    const queued = await call(client, 'delegate', { prompt: 'echo from-mcp', agent: 'shell' });
    const id: string = queued.data.task.id;
    const early = await call(client, 'wait', { taskId: id, timeout: 1 });
    assert.equal(early.data.ended, false);
    assert.equal(early.data.task.state, 'queued');
    assert.match(early.text, new RegExp(`^${id} has not ended after 1 s`));

    group.startWorker(ws);
    const ended = await call(client, 'wait', { taskId: id, timeout: 100 });
    assert.equal(ended.data.task.state, 'completed', ended.text);
    const output = await call(client, 'output', { taskId: id });
    assert.ok(output.data.lines.includes('from-mcp'), output.text);
  });
});
