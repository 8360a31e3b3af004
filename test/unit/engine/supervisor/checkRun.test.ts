import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outcomeOf } from '../../../../src/core/outcome';
import { shellCommand } from '../../../../src/engine/agents/shell';
import { outputFiles } from '../../../../src/store/output/outputFormat';
import { fakeAgentLaunch, isGone, TestTasks, until } from '../../../support/supervision';

/** A loop iteration's check, run by a real supervisor after a real (fake) agent. */
describe('engine/supervisor/checkRun', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  const check = (line: string, extra: { cwd?: string; timeoutMs?: number; score?: boolean } = {}) => ({
    ...shellCommand(line, process.env),
    line,
    cwd: extra.cwd ?? tmpdir(),
    timeoutMs: extra.timeoutMs ?? 60_000,
    score: extra.score ?? false,
  });

  it("runs after the agent completed, into the task's log, and records its exit code and last 200 lines", async () => {
    const line = 'for i in $(seq 1 250); do echo "line $i"; done; echo oops >&2; exit 4';
    const { taskId } = tasks.start(fakeAgentLaunch('check0000001', 'out:1'), { check: check(line) });
    const exit = await tasks.waitForExit(taskId);
    assert.deepEqual(
      outcomeOf(exit, false),
      { state: 'completed', reason: null },
      'a failing check fails no task',
    );
    const recorded = exit.check!;
    assert.deepEqual(
      [
        recorded.command,
        recorded.exitCode,
        recorded.signal,
        recorded.problem,
        recorded.unstartable,
        recorded.score,
      ],
      [line, 4, null, null, false, null],
    );
    const lines = recorded.output.split('\n');
    assert.equal(lines.length, 200);
    assert.deepEqual([lines[0], lines.at(-2), lines.at(-1)], ['line 52', 'line 250', 'oops']);
    const { text } = await tasks.output(taskId);
    const tail = text.trimEnd().split('\n');
    assert.match(tail.at(-1)!, /^dispatch: the check exited with code 4 after \d+\.\d s$/);
    assert.deepEqual(tail.slice(-4, -1), ['line 249', 'line 250', 'oops']);
    assert.ok(
      text.indexOf('dispatch: the agent exited with code 0') <
        text.indexOf(`dispatch: running the check in ${tmpdir()}: ${line}`),
      'the check comes after the agent',
    );
    assert.equal(exit.outputLines, text.trimEnd().split('\n').length);
  });

  it('reads the last number the check prints on stdout as its score', async () => {
    const line = 'printf "epoch 1 loss 0.5\\n\\033[32mloss 0.25\\033[0m\\ndone\\n"; echo 99 >&2';
    const { taskId } = tasks.start(fakeAgentLaunch('check0000002', 'out:1'), {
      check: check(line, { score: true }),
    });
    const exit = await tasks.waitForExit(taskId);
    assert.deepEqual([exit.check!.exitCode, exit.check!.score], [0, 0.25]);
    assert.match(
      (await tasks.output(taskId)).text,
      /dispatch: the check exited with code 0 after \d+\.\d s; score 0\.25\n$/,
    );
  });

  it('does not run after an agent that failed', async () => {
    const marker = path.join(tasks.outputDir, 'ran');
    const { taskId } = tasks.start(fakeAgentLaunch('check0000003', 'out:1 exit:3'), {
      check: check(`touch ${marker}`),
    });
    const exit = await tasks.waitForExit(taskId);
    assert.deepEqual([exit.exitCode, exit.check], [3, undefined]);
    assert.equal(existsSync(marker), false);
  });

  it('stops a check at its timeout, with its whole process group; the task still completes', async () => {
    const pids = path.join(tasks.outputDir, 'check.pids');
    const line = `sleep 30 & echo "$! $$" > ${pids}; wait`;
    const { taskId } = tasks.start(fakeAgentLaunch('check0000004', 'out:1'), {
      check: check(line, { timeoutMs: 500 }),
    });
    const exit = await tasks.waitForExit(taskId);
    assert.deepEqual(
      [exit.check!.exitCode, exit.check!.problem, exit.check!.unstartable, outcomeOf(exit, false).state],
      [null, 'timed out after 0.5 s', false, 'completed'],
    );
    for (const pid of readFileSync(pids, 'utf8').trim().split(' ').map(Number)) {
      tasks.track(pid);
      await until(`check process ${pid} to be gone`, () => isGone(pid));
    }
    assert.match(
      (await tasks.output(taskId)).text,
      /dispatch: the check timed out after 0\.5 s: stopping the check\n/,
    );
  });

  it('a check that cannot start is recorded as such, with the reason', async () => {
    const missing = path.join(tasks.outputDir, 'no-such-folder');
    const { taskId } = tasks.start(fakeAgentLaunch('check0000005', 'out:1'), {
      check: check('true', { cwd: missing }),
    });
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.check!.unstartable, true);
    assert.match(
      exit.check!.problem!,
      new RegExp(`^could not start \\S*sh: the working folder ${missing} does not exist$`),
    );
  });

  it('a cancel during the check stops it and cancels the task', async () => {
    const pids = path.join(tasks.outputDir, 'check.pid');
    const { taskId } = tasks.start(fakeAgentLaunch('check0000006', 'out:1'), {
      check: check(`echo $$ > ${pids}; sleep 30`),
    });
    await until('the check to run', () => existsSync(pids) && readFileSync(pids, 'utf8').trim() !== '');
    const shell = Number(readFileSync(pids, 'utf8'));
    tasks.track(shell);
    writeFileSync(outputFiles(tasks.outputDir, taskId).cancel, '');
    const exit = await tasks.waitForExit(taskId);
    assert.equal(outcomeOf(exit, false).state, 'cancelled');
    assert.equal(exit.reason, 'cancelled');
    await until('the check to be gone', () => isGone(shell));
  });
});
