import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ANY_LEVEL, fakeAgent, makeWorkspace, runCli } from '../../support/cli';
import { callTool as call, McpClients, type Structured, taskEnded } from '../../support/mcpClient';
import { GitWorkspace } from '../fixtures/gitWorkspace';

/** A stand-in agent without sessions (test/fixtures/agents/loop-agent.js), the default agent. */
const LOOPER = {
  'dispatch.agents': {
    looper: {
      command: process.execPath,
      args: [fakeAgent('loop-agent.js'), '${prompt}', '--text'],
      autonomyArgs: ANY_LEVEL,
    },
  },
  'dispatch.defaultAgent': 'looper',
};

/**
 * The MCP loop tools end to end: `loop_start`, `loop_status` and `loop_cancel` over the shipped
 * dist/cli.js, whose engine runs the iterations, checked against `dispatch loop show` and the
 * files the iterations wrote.
 */
describe('dispatch mcp: loops (loop_start, loop_status, loop_cancel)', function () {
  this.timeout(120_000);
  const clients = new McpClients();
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    await clients.closeAll();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    assert.deepEqual(clients.protocolErrors.splice(0), [], 'stdout carried only protocol messages');
  });

  function workspace(): string {
    const dir = makeWorkspace({ 'dispatch.outputFlushIntervalMs': 100, ...LOOPER });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Follows the loop to its end: each wait is on its latest iteration's task, ended by an event. */
  async function loopEnded(client: Client, loopId: string): Promise<Structured> {
    for (;;) {
      const status = await call(client, 'loop_status', { loopId });
      assert.equal(status.isError, false, status.text);
      if (status.data.loop.state !== 'running') return status.data.loop;
      await taskEnded(client, status.data.loop.iterations.at(-1).taskId);
    }
  }

  it('runs a loop until its check passes; loop_status is `dispatch loop show`, and an iteration names its loop', async () => {
    const ws = workspace();
    const client = await clients.connect(ws);
    const until = 'test $(wc -l < work.txt) -ge 2';
    const started = await call(client, 'loop_start', { prompt: 'append:work.txt', until });
    assert.equal(started.isError, false, started.text);
    const id: string = started.data.loop.id;
    const first: string = started.data.loop.iterations[0].taskId;
    const escaped = until.replace(/[$()]/g, '\\$&');
    assert.match(
      started.text,
      new RegExp(
        `^Started loop ${id} \\(looper, until ${escaped}, at most 5 iterations\\): append:work\\.txt\\n` +
          `Iteration 1 is task ${first} \\((queued|running)\\)\\.\\n` +
          `Follow it with loop_status and loopId "${id}"; stop it with loop_cancel\\.$`,
      ),
    );

    const loop = await loopEnded(client, id.slice(0, 5));
    assert.equal(loop.state, 'succeeded');
    assert.equal(loop.reason, 'the check passed on iteration 2');
    assert.deepEqual(
      loop.iterations.map((i: Structured) => [i.number, i.state, i.checkExit, i.checkProblem, i.score]),
      [
        [1, 'completed', 1, null, null],
        [2, 'completed', 0, null, null],
      ],
    );
    const second: string = loop.iterations[1].taskId;
    assert.deepEqual(loop.best, { taskId: second, score: null });

    const status = await call(client, 'loop_status', { loopId: id });
    assert.equal(
      status.text,
      runCli(ws, ['loop', 'show', id]).stdout.trimEnd(),
      'the text is `dispatch loop show`',
    );
    assert.deepEqual(status.data.loop, JSON.parse(runCli(ws, ['loop', 'show', id, '--json']).stdout));

    const iteration = await call(client, 'status', { taskId: second });
    assert.deepEqual(iteration.data.task.loop, {
      id,
      state: 'succeeded',
      iteration: 2,
      maxIterations: 5,
      until,
      checkExit: 0,
      checkProblem: null,
      score: null,
      best: true,
    });
    assert.match(
      iteration.text,
      new RegExp(
        `\\nloop {8}${id} \\(succeeded\\), iteration 2 of 5; every iteration: dispatch loop show ${id}\\n` +
          'until {7}test \\$\\(wc -l < work\\.txt\\) -ge 2\\ncheck {7}exit 0 · passed\\n',
      ),
    );
    assert.equal((await call(client, 'status', { taskId: first })).data.task.loop.best, false);

    const late = await call(client, 'loop_cancel', { loopId: id });
    assert.equal(late.isError, false, late.text);
    assert.equal(late.text, `${id} already succeeded`);
  });

  it('runs an eval loop in its own worktree to its target; the best iteration’s changes are applied', async () => {
    const gw = new GitWorkspace(LOOPER);
    cleanups.push(() => gw.dispose());
    gw.write('.gitignore', `${gw.read('.gitignore')}.loop-agent/\n`); // the fake agent's own state
    gw.commit('ignore the agent state');
    const client = await clients.connect(gw.dir);
    const started = await call(client, 'loop_start', {
      prompt: 'score:3,9,4',
      eval: 'cat score.txt',
      direction: 'maximize',
      target: 9,
      maxIterations: 3,
      worktree: true,
    });
    assert.equal(started.isError, false, started.text);
    const id: string = started.data.loop.id;
    assert.match(
      started.text,
      /\nIt runs in the worktree .* \(branch dispatch\/\w+\); once it ended, review/,
    );

    const loop = await loopEnded(client, id);
    assert.equal(loop.state, 'succeeded', loop.reason);
    assert.deepEqual(
      loop.iterations.map((i: Structured) => [i.state, i.checkExit, i.score]),
      [
        ['completed', 0, 3],
        ['completed', 0, 9],
      ],
    );
    const [first, best] = loop.iterations.map((i: Structured) => i.taskId as string);
    assert.deepEqual(loop.best, { taskId: best, score: 9 });

    const one = await call(client, 'status', { taskId: first });
    assert.equal(one.data.task.loop.eval, 'cat score.txt');
    assert.equal(one.data.task.loop.direction, 'maximize');
    assert.equal(one.data.task.loop.target, 9);
    assert.equal(one.data.task.loop.score, 3);
    assert.match(one.text, /\neval {8}cat score\.txt \(maximize, target 9\)\ncheck {7}exit 0 · score 3\n/);
    assert.ok(!gw.git('status', '--porcelain').includes('score.txt'), 'the workspace is untouched');

    const diff = await call(client, 'diff', { taskId: best });
    assert.deepEqual(
      diff.data.files.map((f: Structured) => [f.path, f.status]),
      [['score.txt', 'added']],
    );
    const applied = await call(client, 'apply', { taskId: best });
    assert.equal(applied.text, `${best}: applied 1 file: score.txt`);
    assert.equal(gw.read('score.txt'), '9\n');
  });

  it('loop_cancel stops the running iteration and ends the loop cancelled', async () => {
    const ws = workspace();
    const gates = mkdtempSync(path.join(tmpdir(), 'dispatch-gate-'));
    cleanups.push(() => rmSync(gates, { recursive: true, force: true }));
    const client = await clients.connect(ws);
    const started = await call(client, 'loop_start', {
      prompt: `gate:1:${path.join(gates, 'never')}`,
      until: 'false',
    });
    const id: string = started.data.loop.id;
    const first: string = started.data.loop.iterations[0].taskId;
    let state = 'queued';
    while (state !== 'running')
      state = (await call(client, 'wait', { taskId: first, timeout: 0.2 })).data.task.state;

    const cancelled = await call(client, 'loop_cancel', { loopId: id });
    assert.equal(cancelled.isError, false, cancelled.text);
    assert.equal(cancelled.text, `${id} cancelled`);
    assert.equal(cancelled.data.loop.state, 'cancelled');
    assert.equal(cancelled.data.loop.reason, 'cancelled by user');
    assert.equal((await taskEnded(client, first)).state, 'cancelled');
    const after = await call(client, 'loop_status', { loopId: id });
    assert.equal(after.data.loop.state, 'cancelled');
    assert.equal(after.data.loop.iterations.length, 1, 'no further iteration was queued');
    assert.equal((await call(client, 'loop_cancel', { loopId: id })).text, `${id} already cancelled`);
  });

  it('refuses bad options with the CLI’s one line, stores nothing and keeps answering', async () => {
    const ws = workspace();
    const client = await clients.connect(ws);
    const cliMessage = (...args: string[]) => {
      const run = runCli(ws, args);
      assert.equal(run.status, 2, run.stderr);
      return run.stderr.trim().replace(/^dispatch: /, '');
    };
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['loop_start', { prompt: 'fix it' }, ['loop', 'fix it']],
      ['loop_start', { prompt: '  ', until: 'true' }, ['loop', '  ', '--until', 'true']],
      [
        'loop_start',
        { prompt: 'x', until: 'true', eval: 'echo 1' },
        ['loop', 'x', '--until', 'true', '--eval', 'echo 1'],
      ],
      ['loop_start', { prompt: 'x', eval: 'echo 1' }, ['loop', 'x', '--eval', 'echo 1']],
      [
        'loop_start',
        { prompt: 'x', eval: 'echo 1', direction: 'up' },
        ['loop', 'x', '--eval', 'echo 1', '--direction', 'up'],
      ],
      [
        'loop_start',
        { prompt: 'x', until: 'true', target: 3 },
        ['loop', 'x', '--until', 'true', '--target', '3'],
      ],
      [
        'loop_start',
        { prompt: 'x', until: 'true', maxIterations: 101 },
        ['loop', 'x', '--until', 'true', '--max-iterations', '101'],
      ],
      [
        'loop_start',
        { prompt: 'x', until: 'true', agent: 'nope' },
        ['loop', 'x', '--until', 'true', '--agent', 'nope'],
      ],
      [
        'loop_start',
        { prompt: 'x', until: 'true', cwd: 'missing' },
        ['loop', 'x', '--until', 'true', '--cwd', 'missing'],
      ],
      [
        'loop_start',
        { prompt: 'x', until: 'true', worktree: true },
        ['loop', 'x', '--until', 'true', '--worktree'],
      ],
      ['loop_status', { loopId: 'zzzz' }, ['loop', 'show', 'zzzz']],
      ['loop_cancel', { loopId: 'zzzz' }, ['loop', 'cancel', 'zzzz']],
    ];
    for (const [tool, args, cli] of cases) {
      const refused = await call(client, tool, args);
      assert.equal(refused.isError, true, `${tool} ${JSON.stringify(args)}`);
      assert.equal(refused.text, cliMessage(...cli), `${tool} ${JSON.stringify(args)}`);
    }
    // The limit and the timeout are named as the tool names them.
    const named: [Record<string, unknown>, string][] = [
      [{ maxIterations: 0 }, 'maxIterations must be a positive number, got "0"'],
      [{ maxIterations: 2.5 }, 'maxIterations must be a whole number, got "2.5"'],
      [{ timeout: -1 }, 'timeout must be a positive number, got "-1"'],
    ];
    for (const [args, message] of named) {
      const refused = await call(client, 'loop_start', { prompt: 'x', until: 'true', ...args });
      assert.equal(refused.isError, true);
      assert.equal(refused.text, message);
    }
    const wrongType = await call(client, 'loop_start', {
      prompt: 'x',
      eval: 'echo 1',
      direction: 'maximize',
      target: 'high',
    });
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.text, /expected number.* at target/);

    assert.equal(runCli(ws, ['loop', 'list']).stdout, 'no loops\n');
    assert.equal(runCli(ws, ['list']).stdout, 'no tasks\n');
  });
});
