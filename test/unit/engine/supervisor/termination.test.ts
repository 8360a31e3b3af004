import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { outcomeOf } from '../../../../src/core/outcome';
import { requestCancel } from '../../../../src/engine/launch/launcher';
import { supervisorBundle } from '../../../support/bundles';
import { fakeAgentLaunch, fixture, isGone, TestTasks, until } from '../../../support/supervision';

/** Cancel, timeout and process-tree clean-up, with real processes (killGraceMs 300 in TestTasks). */
describe('engine/supervisor/termination', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  /** Starts an agent whose steps print `out 1` once it is ready to be cancelled. */
  async function startReady(taskId: string, steps: string, overrides = {}) {
    const started = tasks.start(fakeAgentLaunch(taskId, steps), overrides);
    const pids = await tasks.waitForPidRecord(taskId);
    await untilOutput(taskId, /out 1/);
    return { ...started, pids };
  }

  async function untilOutput(taskId: string, pattern: RegExp) {
    const deadline = Date.now() + 15_000;
    while (!pattern.test((await tasks.output(taskId)).text)) {
      if (Date.now() > deadline) throw new Error(`output never matched ${pattern}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('cancels by signal: SIGTERM to the group, SIGKILL after the grace when ignored', async () => {
    const { taskId, supervisor } = await startReady('csig00000001', 'ignore-term out:1 sleep:10000', {
      killGraceMs: 300,
    });
    const asked = Date.now();
    process.kill(supervisor.pid, 'SIGTERM');
    const exit = await tasks.waitForExit(taskId);
    // Not before the grace ran out; that the SIGKILL came from the grace timer, the message says.
    assert.ok(exit.endedAt - asked >= 280, `ended ${exit.endedAt - asked} ms after the cancel`);
    assert.equal(exit.reason, 'cancelled');
    assert.equal(exit.signal, 'SIGKILL');
    assert.equal(exit.message, 'cancelled; killed after 300 ms grace');
    assert.equal(outcomeOf(exit, false).state, 'cancelled');
    const { byStream } = await tasks.output(taskId);
    // Plain words in the log; the signals are in the exit record.
    assert.match(byStream.system!, /^dispatch: cancelled: stopping the agent\n/m);
    assert.match(byStream.system!, /^dispatch: the agent did not stop within 300 ms: killed it\n/m);
    assert.doesNotMatch(byStream.system!, /sent SIG|process group/);
    assert.match(byStream.stdout!, /ignoring SIGTERM/);
  });

  it('cancels by cancel file alone (another host, Windows), escalating on a timer too', async () => {
    const { taskId } = await startReady('cfile0000001', 'ignore-term out:1 sleep:10000', {
      killGraceMs: 200,
    });
    const asked = Date.now();
    const result = requestCancel({ outputDir: tasks.outputDir }, taskId, {
      supervisorPid: null,
      supervisorStart: null,
    });
    assert.equal(result.signalled, false);
    const exit = await tasks.waitForExit(taskId);
    assert.ok(exit.endedAt - asked >= 180, `ended ${exit.endedAt - asked} ms after the cancel`);
    assert.equal(exit.reason, 'cancelled');
    assert.match((await tasks.output(taskId)).byStream.system!, /cancelled: stopping the agent/);
  });

  it('stops a well-behaved agent with SIGTERM alone', async () => {
    const { taskId, supervisor } = await startReady('cterm0000001', 'out:1 sleep:10000', {
      killGraceMs: 5000,
    });
    requestCancel({ outputDir: tasks.outputDir }, taskId, {
      supervisorPid: supervisor.pid,
      supervisorStart: supervisor.start,
    });
    // With a 5 s grace, a SIGKILL would show in the signal and the message.
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.signal, 'SIGTERM');
    assert.equal(exit.message, 'cancelled; stopped by SIGTERM');
  });

  it('does not start the agent when the cancel came first', async () => {
    const taskId = 'cearly000001';
    writeFileSync(path.join(tasks.outputDir, `${taskId}.cancel`), '{}');
    tasks.start(fakeAgentLaunch(taskId, 'out:1'));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.reason, 'cancelled');
    assert.equal(exit.message, 'cancelled before the agent started');
    assert.equal((await tasks.output(taskId)).byStream.stdout, undefined);
  });

  it('times out with reason timeout', async () => {
    const started = Date.now();
    const { taskId } = tasks.start(fakeAgentLaunch('tmout0000001', 'out:1 sleep:10000'), { timeoutMs: 250 });
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.reason, 'timeout', 'ended by the timeout, not by the agent’s 10 s sleep');
    assert.ok(exit.endedAt - started >= 250, 'not before the timeout');
    assert.deepEqual(outcomeOf(exit, false), { state: 'failed', reason: 'timeout' });
    assert.match((await tasks.output(taskId)).byStream.system!, /timed out after 250 ms: stopping the agent/);
  });

  it('leaves no grandchild behind on cancel, even ones that ignore SIGTERM', async () => {
    const pidFile = tasks.pidFile('grand');
    const { taskId, supervisor } = await startReady(
      'grand0000001',
      `children:3:${pidFile}:ignore-term ignore-term out:1 sleep:10000`,
    );
    const grandchildren = tasks.pidsIn(pidFile);
    assert.equal(grandchildren.length, 3);
    assert.ok(grandchildren.every((pid) => !isGone(pid)));
    requestCancel({ outputDir: tasks.outputDir }, taskId, {
      supervisorPid: supervisor.pid,
      supervisorStart: supervisor.start,
    });
    await tasks.waitForExit(taskId);
    await until('grandchildren to be gone', () => grandchildren.every(isGone));
  });

  it('kills what an agent left running in its group when it exits on its own', async () => {
    const pidFile = tasks.pidFile('left');
    const { taskId } = tasks.start(fakeAgentLaunch('left00000001', `children:2:${pidFile} out:1`));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.exitCode, 0);
    await until('leftovers to be gone', () => tasks.pidsIn(pidFile).every(isGone));
    assert.match(
      (await tasks.output(taskId)).byStream.system!,
      /left processes in its group \d+; killed them/,
    );
  });

  it('survives its launcher being SIGKILLed and still finishes the task', async () => {
    const taskId = 'orphan000001';
    const launch = fakeAgentLaunch(taskId, 'out:1 sleep:600 out:2');
    const options = {
      taskId,
      paths: { outputDir: tasks.outputDir },
      launch,
      cwd: tasks.outputDir,
      flushIntervalMs: 50,
      maxOutputBytes: 0,
      killGraceMs: 300,
      timeoutMs: null,
      supervisorScript: supervisorBundle,
    };
    const host = spawn(process.execPath, [fixture('launcher-host.js'), JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    tasks.track(host.pid!);
    const handle = await new Promise<{ pid: number }>((resolve) =>
      host.stdout!.once('data', (d) => resolve(JSON.parse(String(d)))),
    );
    tasks.track(handle.pid);
    await tasks.waitForPidRecord(taskId);
    host.kill('SIGKILL');
    await new Promise((resolve) => host.once('exit', resolve));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.exitCode, 0);
    assert.match((await tasks.output(taskId)).text, /out 2/);
  });
});
