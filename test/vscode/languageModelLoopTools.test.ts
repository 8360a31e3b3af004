// Loops from a chat, end to end in the real extension: dispatch_loop_start (confirmed by the
// user, showing the check and the limit) runs the `shell` agent until its check passes,
// dispatch_loop_status answers with `dispatch loop show`'s text, dispatch_status on an iteration
// names its loop and how its check went, and dispatch_loop_cancel (confirmed too) stops a loop.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS, taskIn } from '../support/dispatchApi';
import { confirmationOf, invokeTool } from '../support/lmTools';

describe('language model tools: loops', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;
  let folder: string;
  const started: string[] = [];

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    folder = mkdtempSync(path.join(tmpdir(), 'dispatch-lm-loops-'));
  });

  after(async () => {
    const engine = await engineOf(api);
    for (const id of started)
      if (engine.loops.get(id).loop.state === 'running') await engine.loops.cancel(id);
    await cancelAll(api);
    // Their tasks go, and the loops with them: the other suites see the Tasks view they expect.
    await engine.clearFinished(started.flatMap((id) => engine.loops.get(id).iterations.map((i) => i.taskId)));
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts a loop as a model would; its id and the answer. */
  async function startLoop(input: Record<string, unknown>): Promise<{ id: string; answer: string }> {
    const answer = await invokeTool('dispatch_loop_start', { agent: 'shell', cwd: folder, ...input });
    const id = /^Started loop (\w{12}) /.exec(answer)?.[1];
    assert.ok(id, answer);
    started.push(id);
    return { id, answer };
  }

  it('starts a loop that runs until its check passes; the loop and each iteration say how it went', async () => {
    const input = {
      prompt: 'echo x >> work.txt',
      until: 'test $(wc -l < work.txt) -ge 2',
      maxIterations: 3,
      title: 'Two lines',
    };
    const asked = await confirmationOf(api, 'dispatch_loop_start', { agent: 'shell', cwd: folder, ...input });
    assert.equal(asked?.title, 'Start a loop of shell?');
    assert.match(
      asked?.message ?? '',
      /^\*\*Check:\*\* until `test \$\(wc -l < work\.txt\) -ge 2` exits 0 {2}$/m,
    );
    assert.match(asked?.message ?? '', /^\*\*Iterations:\*\* at most 3 {2}$/m);

    const { id, answer } = await startLoop(input);
    assert.match(
      answer,
      new RegExp(
        `^Started loop ${id} \\(shell, until test .* -ge 2, at most 3 iterations\\): Two lines\\n\\nIteration 1:\\nTask \\w{12} \\(shell`,
      ),
    );
    assert.match(answer, new RegExp(`Follow it with dispatch_loop_status and loopId "${id}"`));
    const engine = await engineOf(api);
    await waitFor('the loop to succeed', () => engine.loops.get(id).loop.state === 'succeeded');
    const [first, second] = engine.loops.get(id).iterations.map((i) => i.taskId);

    const status = await invokeTool('dispatch_loop_status', { loopId: id.slice(0, 6) });
    assert.match(status, new RegExp(`^id {7}${id}\\ntitle {4}Two lines\\nstate {4}succeeded \\(`));
    assert.match(status, /^until {4}test \$\(wc -l < work\.txt\) -ge 2$/m);
    assert.match(
      status,
      new RegExp(
        `^ {4}1  ${first}  completed · check exit 1\\n {4}2  ${second}  completed · check exit 0 · passed$`,
        'm',
      ),
    );
    assert.doesNotMatch(status, /stop it with/, 'an ended loop cannot be stopped');

    const loopLine = (n: number) =>
      `Loop: iteration ${n} of 3 of loop ${id} (succeeded); every iteration: dispatch_loop_status with loopId "${id}"`;
    const iteration = async (taskId: string) =>
      (await invokeTool('dispatch_status', { taskId })).split('\n').slice(2, 4);
    assert.deepEqual(await iteration(first!), [
      loopLine(1),
      'Check: until test $(wc -l < work.txt) -ge 2: exit 1',
    ]);
    assert.deepEqual(await iteration(second!), [
      loopLine(2),
      'Check: until test $(wc -l < work.txt) -ge 2: exit 0 · passed',
    ]);
  });

  it('cancels a running loop once the user confirms: its iteration stops and no further one runs', async () => {
    const { id } = await startLoop({
      prompt: 'sleep 30',
      until: 'false',
      maxIterations: 3,
      title: 'Sleeper',
    });
    const engine = await engineOf(api);
    const taskId = engine.loops.get(id).iterations[0]!.taskId;
    await taskIn(api, taskId, 'running');

    const asked = await confirmationOf(api, 'dispatch_loop_cancel', { loopId: id });
    assert.equal(asked?.title, 'Cancel a Dispatch loop?');
    assert.match(
      asked?.message ?? '',
      new RegExp(`^Stop loop ${id} \\(shell, running, iteration 1 of 3\\): Sleeper\\?`),
    );
    assert.equal(
      await invokeTool('dispatch_loop_cancel', { loopId: id }),
      `Loop ${id} cancelled after 1 iteration: its running iteration is being stopped and no further iteration runs.`,
    );
    await taskIn(api, taskId, 'cancelled');
    const entry = engine.loops.get(id);
    assert.deepEqual([entry.loop.state, entry.iterations.length], ['cancelled', 1]);
    assert.equal(
      await invokeTool('dispatch_loop_cancel', { loopId: id }),
      `Loop ${id} already cancelled; nothing to cancel.`,
    );
    assert.match(
      await invokeTool('dispatch_loop_status', { loopId: id }),
      /^state {4}cancelled \(cancelled by user\)$/m,
    );
  });

  it('refuses a bad loop with the engine’s one line and stores nothing', async () => {
    const engine = await engineOf(api);
    const before = engine.loops.list().length;
    await assert.rejects(
      invokeTool('dispatch_loop_start', { prompt: 'x', agent: 'shell', until: 'true', eval: 'echo 1' }),
      /give --until or --eval, not both/,
    );
    await assert.rejects(
      invokeTool('dispatch_loop_start', { prompt: 'x', agent: 'shell', until: 'true', maxIterations: 0 }),
      /the iteration limit must be a whole number from 1 to 100, got 0/,
    );
    assert.equal(engine.loops.list().length, before);
    await assert.rejects(
      invokeTool('dispatch_loop_status', { loopId: 'zzzzzz' }),
      /No loop id starts with "zzzzzz"/,
    );
  });
});
