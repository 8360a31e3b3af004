import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import {
  launchSupervisor,
  outputPathsFor,
  requestCancel,
  resolveSupervisorScript,
} from '../../../../src/engine/launch/launcher';
import { processStartTime } from '../../../../src/store/os/processInfo';
import { supervisorBundle } from '../../../support/bundles';
import { fakeAgentLaunch, isGone, TestTasks, until } from '../../../support/supervision';

describe('engine/launch/launcher', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  describe('resolveSupervisorScript', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dispatch-script-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('finds the bundle next to the caller (dist/), else says to rebuild', () => {
      assert.throws(
        () => resolveSupervisorScript(dir),
        (err) =>
          isDispatchError(err, 'io') &&
          err.message.includes(path.join(dir, 'supervisor.js')) &&
          /npm run build/.test(err.message),
      );
      writeFileSync(path.join(dir, 'supervisor.js'), '');
      assert.equal(resolveSupervisorScript(dir), path.join(dir, 'supervisor.js'));
    });

    it('finds nothing next to a transpiled module: a test must name the shipped bundle', () => {
      // out/src/engine/ has no supervisor.js, so no test can quietly run a transpiled supervisor.
      assert.throws(
        () => resolveSupervisorScript(),
        (err) => isDispatchError(err, 'io'),
      );
    });
  });

  it('runs a task in the shipped dist/supervisor.js', async () => {
    const { taskId, supervisor } = tasks.start(fakeAgentLaunch('bundle000001', 'out:1 sleep:300 out:2'));
    const cmdline = readFileSync(`/proc/${supervisor.pid}/cmdline`, 'utf8').split('\0');
    assert.equal(cmdline[1], supervisorBundle);
    assert.equal((await tasks.waitForExit(taskId)).exitCode, 0);
    assert.match((await tasks.output(taskId)).text, /out 2/);
  });

  it('reports a missing executable or script as an io error, before spawning anything', () => {
    const launch = fakeAgentLaunch('nolaunch0001', 'out:1');
    const base = {
      taskId: 'nolaunch0001',
      paths: { outputDir: tasks.outputDir },
      launch,
      cwd: tmpdir(),
      supervisorScript: supervisorBundle,
    };
    const settings = { flushIntervalMs: 50, maxOutputBytes: 0, killGraceMs: 300, timeoutMs: null };
    assert.throws(
      () => launchSupervisor({ ...base, ...settings, execPath: '/no/such/node' }),
      (err) => isDispatchError(err, 'io') && err.message.includes('/no/such/node does not exist'),
    );
    assert.throws(
      () => launchSupervisor({ ...base, ...settings, supervisorScript: '/no/such/supervisor.js' }),
      (err) => isDispatchError(err, 'io'),
    );
    assert.equal(existsSync(path.join(tasks.outputDir, 'nolaunch0001.spec.json')), false);
  });

  it('returns the PID with its start time; the agent env travels in the process env, not the spec', async () => {
    // A stand-in supervisor that leaves its spec alone, so the test can read it.
    const script = path.join(tasks.outputDir, 'idle-supervisor.js');
    writeFileSync(script, 'setTimeout(() => {}, 3000);');
    const env = { ...process.env, SECRET_API_KEY: 'sk-do-not-write', NODE_OPTIONS: '--no-warnings' };
    const { supervisor, taskId } = tasks.start(fakeAgentLaunch('secret000001', 'out:1', env), {
      supervisorScript: script,
    });
    assert.equal(supervisor.start, processStartTime(supervisor.pid));
    const spec = readFileSync(path.join(tasks.outputDir, `${taskId}.spec.json`), 'utf8');
    assert.doesNotMatch(spec, /sk-do-not-write/);
    assert.deepEqual(JSON.parse(spec).envRestore, { NODE_OPTIONS: '--no-warnings' });
    const environ = readFileSync(`/proc/${supervisor.pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes('SECRET_API_KEY=sk-do-not-write'));
    assert.ok(environ.includes('ELECTRON_RUN_AS_NODE=1'));
    assert.ok(!environ.some((v) => v.startsWith('NODE_OPTIONS=')));
  });

  describe('requestCancel', () => {
    it('writes the cancel file and signals a supervisor whose PID and start time match', async () => {
      const sleeper = spawn(process.execPath, [
        '-e',
        'process.on("SIGTERM", () => process.exit(7)); console.log("ready"); setInterval(() => {}, 1000)',
      ]);
      tasks.track(sleeper.pid!);
      await new Promise((resolve) => sleeper.stdout!.once('data', resolve)); // its handler is in place
      const exited = new Promise((resolve) => sleeper.once('exit', resolve));
      const result = requestCancel({ outputDir: tasks.outputDir }, 'cancel000001', {
        supervisorPid: sleeper.pid!,
        supervisorStart: processStartTime(sleeper.pid!),
      });
      assert.deepEqual(result, { signalled: true });
      assert.equal(await exited, 7);
      assert.ok(existsSync(path.join(tasks.outputDir, 'cancel000001.cancel')));
    });

    it('never signals a reused PID, another host, or an unknown start time', async () => {
      const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      tasks.track(sleeper.pid!);
      await until('the sleeper to start', () => processStartTime(sleeper.pid!) !== null);
      const paths = { outputDir: tasks.outputDir };
      const pid = sleeper.pid!;
      assert.deepEqual(
        requestCancel(paths, 'reuse0000001', { supervisorPid: pid, supervisorStart: 'other:1' }),
        {
          signalled: false,
        },
      );
      assert.deepEqual(
        requestCancel(paths, 'reuse0000001', {
          supervisorPid: pid,
          supervisorStart: processStartTime(pid),
          host: 'elsewhere',
        }),
        { signalled: false },
      );
      assert.deepEqual(requestCancel(paths, 'reuse0000001', { supervisorPid: pid, supervisorStart: null }), {
        signalled: false,
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(isGone(pid), false, 'the unrelated process still runs');
    });
  });

  it('maps a state directory to its output folder', () => {
    assert.equal(
      outputPathsFor('/ws/.vscode/dispatch').outputDir,
      path.resolve('/ws/.vscode/dispatch/output'),
    );
  });
});
