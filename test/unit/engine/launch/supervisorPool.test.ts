import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../../src/core/config';
import { buildLaunch } from '../../../../src/engine/agents';
import { readExitRecord } from '../../../../src/engine/launch/launcher';
import { createSupervisorPool, type SupervisorPool } from '../../../../src/engine/launch/supervisorPool';
import { isAlive } from '../../../../src/store/os/processInfo';
import { supervisorBundle } from '../../../support/bundles';
import { fakeAgent, repoRoot, waitFor } from '../../../support/cli';

describe('engine/supervisorPool', function () {
  this.timeout(20_000);
  let dir: string;
  let pool: SupervisorPool | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-pool-'));
  });
  afterEach(() => {
    pool?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const { config } = parseConfig({
    agents: { fake: { command: process.execPath, args: [fakeAgent('fake-agent.js'), '${prompt}'] } },
  });
  const options = (taskId: string, prompt: string) => ({
    taskId,
    paths: { outputDir: dir },
    launch: buildLaunch('fake', { prompt, taskId, cwd: dir }, config, {
      baseEnv: { ...process.env, KEEP_ME: 'secret' },
    }),
    cwd: dir,
    flushIntervalMs: 100,
    maxOutputBytes: 0,
    killGraceMs: 300,
    timeoutMs: null,
  });
  const exitOf = (id: string) =>
    waitFor(`${id} to end`, () => readExitRecord({ outputDir: dir }, id) ?? false, 10_000);

  it('hands the next task to the warm spare it started, with the agent environment over IPC', async () => {
    pool = createSupervisorPool({ outputDir: dir, warmAtStart: true, supervisorScript: supervisorBundle });
    const spare = await spareOf(dir);
    const first = pool.launch(options('aaaaaaaaaaaa', 'env'));
    assert.equal(first.pid, spare, 'the task went to the spare that was waiting before the launch');
    const exit = await exitOf('aaaaaaaaaaaa');
    assert.equal(exit.exitCode, 0);
    const printed = JSON.parse(readFileSync(path.join(dir, 'aaaaaaaaaaaa.log'), 'utf8').split('\n')[0]!);
    assert.equal(printed.DISPATCH_TASK_ID, 'aaaaaaaaaaaa');
    assert.equal(printed.KEEP_ME, 'secret', 'the environment came with the job');
    assert.equal(printed.ELECTRON_RUN_AS_NODE, null);
    assert.doesNotMatch(readFileSync(path.join(dir, 'aaaaaaaaaaaa.pid'), 'utf8'), /secret/);
    assert.equal(
      JSON.parse(readFileSync(path.join(dir, 'aaaaaaaaaaaa.pid'), 'utf8')).supervisorPid,
      first.pid,
    );
  });

  it('starts cold when no spare is ready, then keeps one ready for the next task', async () => {
    pool = createSupervisorPool({ outputDir: dir, supervisorScript: supervisorBundle });
    assert.deepEqual(sparesIn(dir), [], 'no spare before the first launch');
    const cold = pool.launch(options('bbbbbbbbbbbb', 'out:1'));
    // A cold supervisor is started for this task: its command line names the task's spec.
    assert.match(cmdline(cold.pid), /bbbbbbbbbbbb\.spec\.json/);
    await exitOf('bbbbbbbbbbbb');
    const spare = await spareOf(dir);
    assert.notEqual(spare, cold.pid);
    const warm = pool.launch(options('cccccccccccc', 'out:1'));
    assert.equal(warm.pid, spare, 'the second task went to the spare started after the first launch');
    assert.equal((await exitOf('cccccccccccc')).exitCode, 0);
  });

  it('has the next spare ready as soon as a launch returns, even in a burst', async () => {
    pool = createSupervisorPool({ outputDir: dir, supervisorScript: supervisorBundle });
    pool.launch(options('eeeeeeeeeeee', 'out:1'));
    // No turn of the event loop in between: the second launch must still find a spare.
    const second = pool.launch(options('ffffffffffff', 'out:1'));
    assert.match(readFileSync(`/proc/${second.pid}/cmdline`, 'utf8'), /--spare/);
    assert.equal((await exitOf('ffffffffffff')).exitCode, 0);
    await exitOf('eeeeeeeeeeee');
  });

  it('retires its spare on dispose, and when its engine dies', async () => {
    pool = createSupervisorPool({ outputDir: dir, warmAtStart: true, supervisorScript: supervisorBundle });
    const spare = await spareOf(dir);
    const handed = pool.launch(options('dddddddddddd', 'sleep:100'));
    assert.equal(handed.pid, spare);
    const next = await spareOf(dir, handed.pid);
    pool.dispose();
    await waitFor('the unused spare to exit on dispose', () => !isAlive(next), 5_000);
    assert.equal((await exitOf('dddddddddddd')).exitCode, 0, 'the task handed over runs to its end');

    // An engine process killed with -9: its spare must not linger.
    const host = spawn(
      process.execPath,
      [
        '-e',
        `const { createSupervisorPool } = require(${JSON.stringify(path.join(repoRoot, 'out/src/engine/launch/supervisorPool.js'))});
         createSupervisorPool({ outputDir: ${JSON.stringify(dir)}, warmAtStart: true, supervisorScript: ${JSON.stringify(supervisorBundle)} });
         setInterval(() => {}, 1000);`,
      ],
      { stdio: 'ignore' },
    );
    const spares = await waitFor('the engine to start its spare', () => {
      const found = childrenOf(host.pid!);
      return found.length > 0 ? found : false;
    });
    assert.equal(spares.length, 1, 'the engine has one spare');
    host.kill('SIGKILL');
    await waitFor('the orphaned spare to exit', () => !isAlive(spares[0]!), 5_000);
  });
});

function cmdline(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
}

/** This process's waiting spares for `outputDir` (their working folder), by PID (Linux /proc). */
function sparesIn(outputDir: string): number[] {
  return childrenOf(process.pid).filter((pid) => {
    try {
      return / --spare$/.test(cmdline(pid).trim()) && readlinkSync(`/proc/${pid}/cwd`) === outputDir;
    } catch {
      return false; // it exited meanwhile
    }
  });
}

/** Waits for the one spare waiting in `outputDir`, other than `besides` (a spare already handed a task). */
function spareOf(outputDir: string, besides?: number): Promise<number> {
  return waitFor('a spare supervisor', () => sparesIn(outputDir).find((pid) => pid !== besides));
}

/** PIDs whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
