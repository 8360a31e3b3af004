import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { LoopEntry } from '../../../src/core/loop';
import { Engine } from '../../../src/engine/engine';
import { isAlive } from '../../../src/store/os/processInfo';
import { ANY_LEVEL, fakeAgent, makeWorkspace, ProcessGroup, waitFor } from '../../support/cli';

interface Run {
  run: number;
  session: string | null;
  resumed: string | null;
  prompt: string;
}

/**
 * Loops across processes: each engine that runs tasks is a real `dispatch worker`; the test
 * process only starts, reads and cancels loops, as the CLI does. The agent is the loop agent
 * (test/fixtures/agents/loop-agent.js, Claude's event format and session resume); the checks are
 * real command lines run by the tasks' supervisors.
 */
describe('multiprocess: loops', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;
  let observer: Engine;

  const agents = () => {
    const script = fakeAgent('loop-agent.js');
    const env = { LOOP_RECORD: path.join(workspace, 'runs.jsonl') };
    return {
      claude: {
        command: process.execPath,
        args: [script, '${prompt}'],
        resumeArgs: [script, '${prompt}', '--resume', '${sessionId}'],
        autonomyArgs: ANY_LEVEL,
        env,
      },
    };
  };

  async function setUp(extra: Record<string, unknown> = {}): Promise<void> {
    workspace = makeWorkspace({});
    const settings = {
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.killGraceMs': 500,
      'dispatch.agents': agents(),
      ...extra,
    };
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    const { config } = parseConfig({ agents: settings['dispatch.agents'] });
    observer = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
    });
  }

  afterEach(async () => {
    await group.stopAll();
    for (const entry of observer?.loops.list() ?? []) {
      if (entry.loop.state === 'running') await observer.loops.cancel(entry.loop.id);
    }
    await observer?.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  const runs = (): Run[] => {
    const file = path.join(workspace, 'runs.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Run);
  };
  const entry = (id: string): LoopEntry => observer.loops.get(id);
  const ended = (id: string, timeoutMs = 60_000) =>
    waitFor(`loop ${id} to end`, () => entry(id).loop.state !== 'running' && entry(id), timeoutMs);
  const logOf = (taskId: string) => {
    const file = path.join(observer.state.paths.outputDir, `${taskId}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  const shape = (e: LoopEntry) => e.iterations.map((i) => [i.number, i.state, i.checkExit, i.score]);

  it('until: iteration 2 and 3 continue the session with the check result; the check passes on iteration 3', async () => {
    await setUp();
    group.startWorker(workspace);
    const { loop } = await observer.loops.start({
      prompt: 'append:work.txt',
      agent: 'claude',
      until: 'echo "$(wc -l < work.txt) lines so far"; test $(wc -l < work.txt) -ge 3',
    });
    const done = await ended(loop.id);
    assert.deepEqual([done.loop.state, done.loop.reason], ['succeeded', 'the check passed on iteration 3']);
    assert.deepEqual(shape(done), [
      [1, 'completed', 1, null],
      [2, 'completed', 1, null],
      [3, 'completed', 0, null],
    ]);
    assert.equal(done.loop.bestTaskId, done.iterations[2]!.taskId);
    const [first, second, third] = runs();
    assert.deepEqual(
      [second!.resumed, third!.resumed],
      [first!.session, first!.session],
      'each iteration continues the agent session of the first',
    );
    // The reply carries the command, its exit code and its output.
    assert.match(second!.prompt, /^The check `echo .*` failed after iteration 1 of 5: exit code 1\./);
    assert.match(second!.prompt, /```\n1 lines so far\n```/);
    assert.match(third!.prompt, /```\n2 lines so far\n```/);
    // Each iteration's output ends with its check's result.
    const last = logOf(done.iterations[2]!.taskId).trimEnd().split('\n');
    assert.deepEqual(last.slice(-3, -1), [
      `dispatch: running the check in ${workspace}: ${done.loop.untilCommand}`,
      '3 lines so far',
    ]);
    assert.match(last.at(-1)!, /^dispatch: the check exited with code 0 after \d+\.\d s$/);
  });

  it('ends failed at --max-iterations when the check never passes', async () => {
    await setUp();
    group.startWorker(workspace);
    const { loop } = await observer.loops.start({
      prompt: 'append:work.txt',
      agent: 'claude',
      until: 'echo never; exit 3',
      maxIterations: 2,
    });
    const done = await ended(loop.id);
    assert.deepEqual(
      [done.loop.state, done.loop.reason, done.loop.bestTaskId],
      ['failed', 'the check still failed after 2 iterations (exit code 3)', null],
    );
    assert.deepEqual(shape(done), [
      [1, 'completed', 3, null],
      [2, 'completed', 3, null],
    ]);
    assert.equal(observer.list().length, 2, 'no third iteration');
  });

  it('eval: records each score, keeps the best one, and stops at the limit or the target', async () => {
    await setUp();
    group.startWorker(workspace);
    const { loop } = await observer.loops.start({
      prompt: 'score:3,9,4,1',
      agent: 'claude',
      eval: 'echo "run done"; echo "score: $(cat score.txt)"',
      direction: 'maximize',
      maxIterations: 4,
    });
    const done = await ended(loop.id);
    assert.deepEqual(shape(done), [
      [1, 'completed', 0, 3],
      [2, 'completed', 0, 9],
      [3, 'completed', 0, 4],
      [4, 'completed', 0, 1],
    ]);
    assert.deepEqual(
      [done.loop.state, done.loop.bestTaskId, done.loop.bestScore],
      ['succeeded', done.iterations[1]!.taskId, 9],
    );
    assert.match(
      runs()[2]!.prompt,
      /scored 9 after iteration 2 of 4 \(higher is better; the best so far is 9\)/,
    );

    rmSync(path.join(workspace, '.loop-agent'), { recursive: true });
    const aimed = await observer.loops.start({
      prompt: 'score:5,1,0',
      agent: 'claude',
      eval: 'cat score.txt',
      direction: 'minimize',
      target: 2,
    });
    const reached = await ended(aimed.loop.id);
    assert.deepEqual(
      [reached.loop.state, reached.loop.reason, reached.loop.bestScore],
      ['succeeded', 'reached the target 2 with 1 on iteration 2', 1],
    );
    assert.equal(reached.iterations.length, 2);
  });

  it('loop cancel stops the running iteration, then one whose check is running, and ends the loop cancelled', async () => {
    await setUp();
    group.startWorker(workspace);
    const gate = path.join(workspace, 'never-opened');
    const { loop } = await observer.loops.start({
      prompt: `append:work.txt gate:2:${gate}`,
      agent: 'claude',
      until: 'false',
    });
    const second = await waitFor('iteration 2 to wait at its gate', () => {
      const it = entry(loop.id).iterations[1];
      return it && logOf(it.taskId).includes('run 2 waits at its gate') && it;
    });
    const cancelled = await observer.loops.cancel(loop.id.slice(0, 6));
    assert.deepEqual([cancelled.loop.state, cancelled.loop.reason], ['cancelled', 'cancelled by user']);
    await waitFor(
      'the iteration to be cancelled',
      () => observer.resolve(second.taskId).state === 'cancelled',
    );
    assert.equal(entry(loop.id).iterations.length, 2, 'no iteration after a cancel');
    assert.equal(entry(loop.id).loop.state, 'cancelled');

    // A check is stopped the same way, its whole process group with it.
    const pidFile = path.join(workspace, 'check.pid');
    const checking = await observer.loops.start({
      prompt: 'append:other.txt',
      agent: 'claude',
      until: `echo $$ > ${pidFile}; sleep 60 & sleep 60`,
    });
    const shell = await waitFor(
      'the check to run',
      () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')),
    );
    await observer.loops.cancel(checking.loop.id);
    const [first] = entry(checking.loop.id).iterations;
    await waitFor(
      'the iteration to be cancelled',
      () => observer.resolve(first!.taskId).state === 'cancelled',
    );
    await waitFor('the check to be gone', () => !isAlive(shell));
    assert.match(logOf(first!.taskId), /cancelled[^\n]*: stopping the check\n/);
  });

  it('two engines: each iteration of each loop is queued and run exactly once', async () => {
    await setUp({ 'dispatch.maxWorkers': 4 });
    const workers = [group.startWorker(workspace), group.startWorker(workspace)];
    // Three loops in three folders, so their agents' run counters (and checks) are their own.
    const loops: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const cwd = path.join(workspace, name);
      mkdirSync(cwd);
      const { loop } = await observer.loops.start({
        prompt: 'append:work.txt',
        agent: 'claude',
        cwd,
        until: 'test $(wc -l < work.txt) -ge 4',
      });
      loops.push(loop.id);
    }
    for (const id of loops) {
      const done = await ended(id, 90_000);
      assert.equal(done.loop.state, 'succeeded', done.loop.reason ?? '');
      assert.deepEqual(
        done.iterations.map((i) => [i.number, i.state]),
        [1, 2, 3, 4].map((n) => [n, 'completed']),
      );
      const cwd = observer.resolve(done.iterations[0]!.taskId).cwd;
      assert.equal(readFileSync(path.join(cwd, 'work.txt'), 'utf8'), 'line 1\nline 2\nline 3\nline 4\n');
    }
    assert.equal(observer.list().length, 12, 'twelve tasks, no duplicate iteration');
    assert.equal(runs().length, 12, 'each ran once');
    // Each engine logs the tasks it starts: every iteration was started by one of them, once.
    const started = workers.flatMap((w) => w.output.join('').match(/started [0-9a-z]{12}/g) ?? []);
    assert.deepEqual(
      started.map((s) => s.slice('started '.length)).sort(),
      observer
        .list()
        .map((t) => t.id)
        .sort(),
    );
  });

  it('kill -9 of the engine between an iteration end and the next queueing: recovery in another engine goes on', async () => {
    await setUp();
    const first = group.startWorker(workspace);
    const gate = path.join(workspace, 'gate');
    const { loop } = await observer.loops.start({
      prompt: 'append:work.txt',
      agent: 'claude',
      // The check holds iteration 1 open until the test has killed the engine.
      until: `while [ ! -f ${gate} ]; do sleep 0.05; done; test $(wc -l < work.txt) -ge 2`,
    });
    const [one] = entry(loop.id).iterations;
    await waitFor('the check to run', () => logOf(one!.taskId).includes('running the check'));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    writeFileSync(gate, '');
    // The supervisor outlived its engine: iteration 1 ends, and no engine is there to go on.
    const exit = path.join(observer.state.paths.outputDir, `${one!.taskId}.exit`);
    await waitFor('the exit record of iteration 1', () => existsSync(exit));
    assert.deepEqual(shape(entry(loop.id)), [[1, 'running', null, null]]);

    group.startWorker(workspace);
    const done = await ended(loop.id);
    assert.deepEqual(shape(done), [
      [1, 'completed', 1, null],
      [2, 'completed', 0, null],
    ]);
    assert.equal(done.loop.state, 'succeeded');
    assert.equal(runs()[1]!.resumed, runs()[0]!.session);
  });
});
