import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import type { LoopEntry } from '../../../../src/core/loop';
import { ANY_LEVEL, fakeAgent, waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

interface Run {
  run: number;
  session: string | null;
  resumed: string | null;
  prompt: string;
}

/**
 * Loops through the engine API the editor uses, with real supervisors running the loop agent
 * (test/fixtures/agents/loop-agent.js) and real check commands in its folder.
 */
describe('engine/loops/loopService', function () {
  this.timeout(60_000);
  let fx: EngineFixture;
  afterEach(async () => fx?.dispose());

  const record = () => path.join(fx.workspace, 'runs.jsonl');
  const runs = (): Run[] =>
    existsSync(record())
      ? readFileSync(record(), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Run)
      : [];
  const ended = (id: string) => async (): Promise<LoopEntry> =>
    waitFor(`loop ${id} to end`, () => {
      const entry = fx.engine.loops.get(id);
      return entry.loop.state !== 'running' && entry;
    });

  async function open(settings: Record<string, unknown> = {}) {
    fx = await openTestEngine({
      agents: {
        // Named like the built-in: Claude's output format, its session and `--resume`.
        claude: {
          command: process.execPath,
          args: [fakeAgent('loop-agent.js'), '${prompt}'],
          resumeArgs: [fakeAgent('loop-agent.js'), '${prompt}', '--resume', '${sessionId}'],
          autonomyArgs: ANY_LEVEL,
        },
        plain: {
          command: process.execPath,
          args: [fakeAgent('loop-agent.js'), '${prompt}', '--text'],
          autonomyArgs: ANY_LEVEL,
        },
      },
      ...settings,
    });
    process.env.LOOP_RECORD = record();
  }
  after(() => {
    delete process.env.LOOP_RECORD;
  });

  it('continues the session with the check result until the check passes on iteration 3', async () => {
    await open();
    const started = await fx.engine.loops.start({
      prompt: 'append:work.txt',
      agent: 'claude',
      until: 'echo "have $(wc -l < work.txt) lines"; test $(wc -l < work.txt) -ge 3',
    });
    assert.equal(started.loop.state, 'running');
    assert.equal(started.iterations.length, 1);
    const done = await ended(started.loop.id)();
    assert.equal(done.loop.state, 'succeeded', done.loop.reason ?? '');
    assert.equal(done.loop.reason, 'the check passed on iteration 3');
    assert.deepEqual(
      done.iterations.map((i) => [i.number, i.state, i.checkExit]),
      [
        [1, 'completed', 1],
        [2, 'completed', 1],
        [3, 'completed', 0],
      ],
    );
    assert.equal(done.loop.bestTaskId, done.iterations[2]!.taskId);
    const [first, second, third] = runs();
    assert.equal(first!.resumed, null);
    assert.equal(second!.resumed, first!.session, 'iteration 2 continues the session of iteration 1');
    assert.equal(third!.resumed, first!.session);
    assert.match(second!.prompt, /^The check `echo .*` failed after iteration 1 of 5: exit code 1\./);
    assert.match(second!.prompt, /have 1 lines/);
    const tasks = done.iterations.map((i) => fx.engine.resolve(i.taskId));
    assert.deepEqual(
      tasks.map((t) => t.replyTo),
      [null, tasks[0]!.id, tasks[1]!.id],
    );
    assert.match(tasks[1]!.title, /^\[loop 2\/5\] append:work\.txt/);
  });

  it('a shell loop runs its command line again, with the last iteration (ending in its check) as context', async () => {
    await open();
    const prompt = 'cat "$DISPATCH_CONTEXT_FILE" > seen.txt 2>/dev/null; echo x >> work.txt';
    const started = await fx.engine.loops.start({
      prompt,
      agent: 'shell',
      until: 'echo "have $(wc -l < work.txt)"; test $(wc -l < work.txt) -ge 2',
    });
    const done = await ended(started.loop.id)();
    assert.deepEqual([done.loop.state, done.iterations.length], ['succeeded', 2]);
    assert.equal(fx.engine.resolve(done.iterations[1]!.taskId).prompt, prompt);
    const seen = readFileSync(path.join(fx.workspace, 'seen.txt'), 'utf8');
    assert.match(seen, /have 1\n\s*dispatch: the check exited with code 1/);
  });

  it('refuses a loop without a check, with a bad limit or an eval without a direction, and stores nothing', async () => {
    await open();
    const refused = async (input: Record<string, unknown>, message: RegExp) =>
      assert.rejects(
        fx.engine.loops.start({ prompt: 'x', agent: 'claude', ...input }),
        (err: unknown) => isDispatchError(err, 'invalid-input') && message.test((err as Error).message),
      );
    await refused({}, /give the check: --until CMD/);
    await refused({ until: 'true', maxIterations: 0 }, /from 1 to 100, got 0/);
    await refused({ eval: 'echo 1' }, /--eval needs --direction/);
    assert.deepEqual(fx.engine.loops.list(), []);
    assert.deepEqual(fx.engine.list(), []);
  });
});
