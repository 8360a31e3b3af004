import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ANY_LEVEL, fakeAgent, makeWorkspace, runCli } from '../../support/cli';

interface LoopJson {
  id: string;
  prompt: string;
  agent: string;
  state: string;
  reason: string | null;
  until?: string;
  eval?: string;
  iterations: { taskId: string; state: string; checkExit: number | null; score: number | null }[];
  best: { taskId: string; score: number | null } | null;
}

/** `dispatch loop` as a user runs it: the shipped dist/cli.js, a `dispatch worker` running the queue. */
describe('cli: dispatch loop', function () {
  this.timeout(90_000);
  let ws: string;

  beforeEach(() => {
    ws = makeWorkspace({
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': {
        looper: {
          command: process.execPath,
          args: [fakeAgent('loop-agent.js'), '${prompt}', '--text'],
          autonomyArgs: ANY_LEVEL,
        },
      },
      'dispatch.defaultAgent': 'looper',
    });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(ws, args);
  const ok = (...args: string[]) => {
    const run = cli(...args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run.stdout;
  };
  const show = (id: string): LoopJson => JSON.parse(ok('loop', 'show', id, '--json'));
  const badInput = (args: string[], message: string) => {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    assert.equal(run.stderr, `dispatch: ${message}\n`, 'one line on stderr');
  };

  it('refuses a loop without a check, with a non-positive limit or an eval without a direction, and stores nothing', () => {
    badInput(
      ['loop', 'fix it'],
      'give the check: --until CMD (loop until it exits 0) or --eval CMD --direction maximize|minimize (improve the last number it prints)',
    );
    badInput(
      ['loop', 'fix it', '--until', 'true', '--max-iterations', '0'],
      '--max-iterations must be a positive number, got "0"',
    );
    badInput(
      ['loop', 'fix it', '--until', 'true', '--max-iterations', '2.5'],
      '--max-iterations must be a whole number, got "2.5"',
    );
    badInput(
      ['loop', 'fix it', '--eval', 'echo 1'],
      '--eval needs --direction maximize or --direction minimize',
    );
    badInput(
      ['loop', 'fix it', '--eval', 'echo 1', '--direction', 'up'],
      'bad direction "up": use maximize or minimize',
    );
    badInput(['loop', 'fix it', '--until', 'true', '--eval', 'echo 1'], 'give --until or --eval, not both');
    badInput(
      ['loop', 'fix it', '--until', 'true', '--target', '3'],
      '--direction and --target go with --eval, not with --until',
    );
    badInput(
      ['loop', 'fix it', '--eval', 'x', '--direction', 'maximize', '--target', 'high'],
      'the target must be a number, got "high"',
    );
    badInput(['loop', 'show', 'zzzzzzzzzzzz'], 'No loop id starts with "zzzzzzzzzzzz".');
    assert.equal(ok('loop', 'list'), 'no loops\n');
    assert.equal(ok('list'), 'no tasks\n');
  });

  it('prints the loop id; show --json has the iterations with their check exit, and the passing one as best', () => {
    const id = ok('loop', 'append:work.txt', '--until', 'test $(wc -l < work.txt) -ge 2').trim();
    assert.match(id, /^[0-9a-z]{12}$/);
    assert.equal(show(id.slice(0, 5)).state, 'running');
    ok('worker', '--idle-exit', '1');
    const loop = show(id);
    assert.deepEqual(
      { ...loop, iterations: loop.iterations.map((i) => [i.state, i.checkExit, i.score]) },
      {
        ...loop,
        prompt: 'append:work.txt',
        agent: 'looper',
        state: 'succeeded',
        reason: 'the check passed on iteration 2',
        until: 'test $(wc -l < work.txt) -ge 2',
        iterations: [
          ['completed', 1, null],
          ['completed', 0, null],
        ],
        best: { taskId: loop.iterations[1]!.taskId, score: null },
      },
    );
    assert.equal(readFileSync(path.join(ws, 'work.txt'), 'utf8'), 'line 1\nline 2\n');
    assert.match(ok('loop', 'list'), new RegExp(`^${id}  SUCCEEDED  2/5 +looper +append:work\\.txt\\n$`));
    // Iteration 2 had no session to continue: it started with the loop's prompt, then the report.
    const log = ok('logs', loop.iterations[1]!.taskId);
    assert.match(log, /starts with the loop's prompt and the check's result/);
    assert.match(
      ok('logs', loop.iterations[0]!.taskId),
      /running the check in .*\n[\s\S]*the check exited with code 1/,
    );
    assert.equal(ok('loop', 'cancel', id), `${id} already succeeded\n`);
  });

  it('show of an iteration names its loop: its id and state, iteration N of max, the check and how it went', () => {
    const id = ok(
      'loop',
      'score:3,9,4',
      '--eval',
      'cat score.txt',
      '--direction',
      'maximize',
      '--target',
      '9',
    ).trim();
    ok('worker', '--idle-exit', '1');
    const [first, best] = show(id).iterations.map((i) => i.taskId);
    const lines = (taskId: string) => ok('show', taskId).split('\n');
    const head = [
      `loop        ${id} (succeeded), iteration 1 of 5; every iteration: dispatch loop show ${id}`,
      'eval        cat score.txt (maximize, target 9)',
    ];
    // Right under the state, where a reader looks first.
    assert.deepEqual(lines(first!).slice(2, 6), [
      'state       completed',
      ...head,
      'check       exit 0 · score 3',
    ]);
    assert.deepEqual(lines(best!).slice(3, 6), [
      head[0]!.replace('iteration 1', 'iteration 2'),
      head[1],
      'check       exit 0 · score 9 · best',
    ]);
    assert.deepEqual(JSON.parse(ok('show', best!, '--json')).loop, {
      id,
      state: 'succeeded',
      iteration: 2,
      maxIterations: 5,
      eval: 'cat score.txt',
      direction: 'maximize',
      target: 9,
      checkExit: 0,
      checkProblem: null,
      score: 9,
      best: true,
    });

    // A task that is no loop's iteration says nothing of loops.
    const plain = ok('delegate', 'x', '--json');
    const task = JSON.parse(plain).id as string;
    assert.equal(JSON.parse(ok('show', task, '--json')).loop, null);
    assert.doesNotMatch(ok('show', task), /^(loop|eval|until|check) /m);
  });
});
