import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../../../src/core/config';
import { outcomeOf } from '../../../../src/core/outcome';
import { buildLaunch } from '../../../../src/engine/agents';
import { processStartTime } from '../../../../src/store/os/processInfo';
import { supervisorBundle } from '../../../support/bundles';
import { fakeAgentLaunch, fakeClaudeScript, TestTasks } from '../../../support/supervision';

describe('engine/supervisor/supervise', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  it('runs the agent, keeps both streams with their colours, and records exit 0 once', async () => {
    const { taskId, supervisor } = tasks.start(fakeAgentLaunch('ok0000000001', 'out:3 err:2 env'));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.exitCode, 0);
    assert.equal(exit.signal, null);
    assert.equal(exit.reason, null);
    assert.deepEqual(outcomeOf(exit, false), { state: 'completed', reason: null });
    const { byStream } = await tasks.output(taskId);
    assert.ok(byStream.stdout!.startsWith('\x1b[32mout 1\x1b[0m\n'), byStream.stdout);
    assert.equal(byStream.stderr, '\x1b[31merr 1\x1b[0m\n\x1b[31merr 2\x1b[0m\n');
    assert.match(byStream.system!, /^dispatch: the agent exited with code 0 after \d+\.\d s\n$/);
    const env = JSON.parse(byStream.stdout!.split('\n')[3]!);
    assert.equal(env.DISPATCH_TASK_ID, 'ok0000000001');
    assert.equal(env.ELECTRON_RUN_AS_NODE, null, 'the supervisor runs as Node; its agent must not');
    assert.equal(exit.outputLines, 7);
    const pids = await tasks.waitForPidRecord(taskId);
    assert.equal(pids.supervisorPid, supervisor.pid);
    assert.equal(pids.supervisorStart, supervisor.start);
    assert.ok(pids.agentPid && pids.agentStart);
    // What remains: the log, its index and the two records; spec and empty stderr are removed.
    assert.deepEqual(readdirSync(tasks.outputDir).sort(), [
      `${taskId}.exit`,
      `${taskId}.idx`,
      `${taskId}.log`,
      `${taskId}.pid`,
    ]);
  });

  it('records a non-zero exit code with the last thing the agent said', async () => {
    const { taskId } = tasks.start(fakeAgentLaunch('code00000003', 'out:1 err:2 exit:3'));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.exitCode, 3);
    assert.equal(exit.message, 'exit code 3: err 2');
    assert.equal(outcomeOf(exit, false).state, 'failed');
  });

  it('never calls a signal death a success', async () => {
    const { taskId } = tasks.start(fakeAgentLaunch('sig000000009', 'out:1 kill-self:SIGKILL'));
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.exitCode, null);
    assert.equal(exit.signal, 'SIGKILL');
    assert.deepEqual(outcomeOf(exit, false), { state: 'failed', reason: 'killed by SIGKILL' });
    assert.match((await tasks.output(taskId)).byStream.system!, /killed by SIGKILL/);
  });

  it('reports a missing binary as spawn-failed, in the log too', async () => {
    const config = {
      ...defaultConfig(),
      agents: { ghost: { command: 'no-such-agent-xyz', args: ['${prompt}'], env: {} } },
    };
    const launch = buildLaunch('ghost', { prompt: 'hi', taskId: 'enoent000001', cwd: tmpdir() }, config);
    const { taskId } = tasks.start(launch);
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.reason, 'spawn-failed');
    assert.equal(
      exit.message,
      'could not start `no-such-agent-xyz`: not found on PATH; check that it is installed or fix dispatch.agents.ghost.command',
    );
    assert.equal((await tasks.output(taskId)).byStream.system, `dispatch: ${exit.message}\n`);
    assert.equal(existsSync(path.join(tasks.outputDir, `${taskId}.pid`)), false, 'no agent, no pid record');
    assert.equal(outcomeOf(exit, false).state, 'failed');
  });

  it('says how to install a missing built-in agent, in one line without the PATH', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'dispatch-nopath-'));
    const launch = buildLaunch(
      'claude',
      { prompt: 'hi', taskId: 'enoent000002', cwd: tmpdir() },
      defaultConfig(),
      { baseEnv: { PATH: `${empty}:/nonexistent/a:/nonexistent/b:/nonexistent/c` } },
    );
    const { taskId } = tasks.start(launch);
    const exit = await tasks.waitForExit(taskId);
    assert.equal(
      outcomeOf(exit, false).reason,
      'spawn-failed: could not start `claude`: not found on PATH; install it ' +
        '(npm install -g @anthropic-ai/claude-code) or set dispatch.agents.claude.command to its full path',
    );
  });

  it('reports a missing working folder and a non-executable command as spawn-failed', async () => {
    const badCwd = tasks.start(fakeAgentLaunch('nocwd0000001', 'out:1'), {
      cwd: path.join(tmpdir(), 'no-such-dir-xyz'),
    });
    const noExec = path.join(mkdtempSync(path.join(tmpdir(), 'dispatch-noexec-')), 'agent');
    writeFileSync(noExec, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const config = {
      ...defaultConfig(),
      agents: { plain: { command: noExec, args: ['${prompt}'], env: {} } },
    };
    const eacces = tasks.start(
      buildLaunch('plain', { prompt: 'x', taskId: 'eacces000001', cwd: tmpdir() }, config),
    );
    assert.match(
      (await tasks.waitForExit(badCwd.taskId)).message!,
      /the working folder .*no-such-dir-xyz does not exist/,
    );
    const exit = await tasks.waitForExit(eacces.taskId);
    assert.equal(exit.reason, 'spawn-failed');
    assert.match(exit.message!, /is not executable/);
  });

  it('leaves a supervisor-error exit record when its spec is unreadable', async () => {
    const spec = path.join(tasks.outputDir, 'badspec00001.spec.json');
    writeFileSync(spec, '{"version": 1, "taskId": ');
    const child = spawn(process.execPath, [supervisorBundle, spec], { stdio: 'ignore' });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 70);
    const exit = await tasks.waitForExit('badspec00001');
    assert.equal(exit.reason, 'supervisor-error');
    assert.match(exit.message!, /cannot read the supervisor spec .*badspec00001\.spec\.json/);
    assert.equal(existsSync(spec), false);
  });

  it('runs a shell pipeline with the shell agent', async () => {
    const launch = buildLaunch(
      'shell',
      { prompt: 'printf "b\\na\\n" | sort | tr a-z A-Z', taskId: 'shell0000001', cwd: tmpdir() },
      defaultConfig(),
    );
    const { taskId } = tasks.start(launch);
    assert.equal((await tasks.waitForExit(taskId)).exitCode, 0);
    assert.equal((await tasks.output(taskId)).byStream.stdout, 'A\nB\n');
  });

  describe('with a fake claude', () => {
    const claude = (prompt: string, taskId: string, env: NodeJS.ProcessEnv = process.env) =>
      buildLaunch(
        'claude',
        { prompt, taskId, cwd: tmpdir() },
        {
          agents: {
            claude: {
              command: process.execPath,
              args: [fakeClaudeScript, '-p', '${prompt}', '--output-format', 'stream-json', '--verbose'],
              env: {},
            },
          },
        },
        { baseEnv: env },
      );

    it('fails a run that exits 0 but reports is_error, with the agent message', async () => {
      const { taskId } = tasks.start(claude('is-error', 'cisErr000001'));
      const exit = await tasks.waitForExit(taskId);
      assert.equal(exit.exitCode, 0);
      assert.deepEqual(exit.agentResult, {
        isError: true,
        message: 'Invalid API key · Fix external API key',
        sessionId: 'fake-session-1',
        model: 'fake',
      });
      assert.deepEqual(outcomeOf(exit, false), {
        state: 'failed',
        reason: 'Invalid API key · Fix external API key',
      });
    });

    it('fails a refused login with the CLI’s own words, without hanging', async () => {
      const { taskId } = tasks.start(claude('not-logged-in', 'cnolog000001'));
      const exit = await tasks.waitForExit(taskId);
      assert.equal(exit.exitCode, 1);
      assert.deepEqual(outcomeOf(exit, false), {
        state: 'failed',
        reason: 'Not logged in · Please run /login',
      });
    });

    it('completes a successful run, without the nested-session variables', async () => {
      const env = { ...process.env, CLAUDECODE: '1', CLAUDE_CODE_ENTRYPOINT: 'cli' };
      const { taskId } = tasks.start(claude('nested', 'cnest0000001', env));
      const exit = await tasks.waitForExit(taskId);
      assert.deepEqual(outcomeOf(exit, false), { state: 'completed', reason: null });
      assert.equal(exit.agentResult?.costUsd, 0.0123);
      assert.match((await tasks.output(taskId)).text, /nested vars: \[\]/);
    });
  });

  it('caps a flood, keeping the tail, and counts everything', async function () {
    this.timeout(40_000);
    const { taskId } = tasks.start(fakeAgentLaunch('flood0000001', 'flood:5 out:1'), {
      maxOutputBytes: 1024 * 1024,
    });
    const exit = await tasks.waitForExit(taskId, 30_000);
    assert.equal(exit.exitCode, 0);
    assert.ok(exit.outputBytes > 5 * 1024 * 1024, String(exit.outputBytes));
    assert.ok(exit.truncatedBytes >= exit.outputBytes - 1024 * 1024, String(exit.truncatedBytes));
    const { text } = await tasks.output(taskId);
    assert.ok(text.length <= 1024 * 1024);
    assert.ok(
      text.includes('\x1b[32mout 1\x1b[0m\ndispatch: the agent exited with code 0'),
      text.slice(-200),
    );
  });

  it('gives the agent NODE_OPTIONS without running the supervisor with them', async () => {
    const launch = fakeAgentLaunch('nodeopt00001', 'env sleep:300', {
      ...process.env,
      NODE_OPTIONS: '--max-old-space-size=123',
    });
    const { taskId, supervisor } = tasks.start(launch);
    await tasks.waitForPidRecord(taskId);
    const environ = readFileSync(`/proc/${supervisor.pid}/environ`, 'utf8').split('\0');
    assert.ok(!environ.some((v) => v.startsWith('NODE_OPTIONS=')));
    assert.ok(environ.includes('ELECTRON_RUN_AS_NODE=1'));
    assert.ok(processStartTime(supervisor.pid));
    await tasks.waitForExit(taskId);
    assert.match((await tasks.output(taskId)).text, /"NODE_OPTIONS":"--max-old-space-size=123"/);
  });
});
