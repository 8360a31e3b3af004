import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { Task } from '../../../src/core/task';
import { Engine } from '../../../src/engine/engine';
import { readPidRecord } from '../../../src/engine/launch/launcher';
import { isAlive } from '../../../src/store/os/processInfo';
import { ANY_LEVEL, fakeAgent, makeWorkspace, ProcessGroup, waitFor } from '../../support/cli';

/** Windows, crashes and cancels across engines: each "window" is a real `dispatch worker` process. */
describe('multiprocess: task lifecycle across engines', function () {
  this.timeout(90_000);
  const group = new ProcessGroup();
  let workspace: string;
  let observer: Engine;
  const strays: number[] = [];

  const settings = (extra: Record<string, unknown> = {}) => ({
    'dispatch.outputFlushIntervalMs': 100,
    'dispatch.killGraceMs': 500,
    'dispatch.agents': {
      // Every level declared: the log's first line is then the agent's own (the SIGTERM test waits for it).
      fake: {
        command: process.execPath,
        args: [fakeAgent('fake-agent.js'), '${prompt}'],
        autonomyArgs: ANY_LEVEL,
      },
    },
    ...extra,
  });

  async function setUp(extra: Record<string, unknown> = {}): Promise<void> {
    workspace = makeWorkspace(settings(extra));
    const { config } = parseConfig({ agents: settings()['dispatch.agents'] });
    // The test process is one more engine that only reads and writes the queue, like the CLI.
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
    await observer?.dispose();
    for (const pid of strays.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
    rmSync(workspace, { recursive: true, force: true });
  });

  const task = (id: string): Task => observer.resolve(id);
  const outputDir = () => observer.state.paths.outputDir;
  const ownerOf = (id: string) => observer.state.read((r) => r.workers.get(id)?.ownerId);
  const engineIds = () => observer.state.read((r) => r.engines.list().map((e) => e.id));
  const agentPid = async (id: string) =>
    waitFor(
      `the agent of ${id} to start`,
      () => readPidRecord({ outputDir: outputDir() }, id)?.agentPid ?? false,
    );
  const alive = (pid: number) => isAlive(pid);
  const logText = (id: string) => {
    const file = path.join(outputDir(), `${id}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };

  it('cancel issued through another engine stops the agent and its grandchildren', async () => {
    await setUp();
    group.startWorker(workspace);
    const pidsFile = path.join(workspace, 'grandchildren.txt');
    const { id } = await observer.delegate({
      prompt: `children:3:${pidsFile} out:1 sleep:60000`,
      agent: 'fake',
    });
    const agent = await agentPid(id);
    const grandchildren = await waitFor('3 grandchildren', () => {
      const pids = existsSync(pidsFile)
        ? readFileSync(pidsFile, 'utf8').trim().split(/\s+/).filter(Boolean)
        : [];
      return pids.length === 3 ? pids.map(Number) : false;
    });
    strays.push(agent, ...grandchildren);
    assert.ok(grandchildren.every(alive), 'grandchildren run before the cancel');

    await observer.cancel(id);
    await waitFor('the task to be cancelled', () => task(id).state === 'cancelled', 15_000);
    assert.equal(task(id).reason, 'cancelled by user');
    await waitFor('the process tree to be gone', () => ![agent, ...grandchildren].some(alive));
  });

  it('an agent that ignores SIGTERM is SIGKILLed after dispatch.killGraceMs', async () => {
    await setUp({ 'dispatch.killGraceMs': 800 });
    group.startWorker(workspace);
    const { id } = await observer.delegate({ prompt: 'ignore-term out:1 sleep:60000', agent: 'fake' });
    const agent = await agentPid(id);
    strays.push(agent);
    // Its SIGTERM handler is installed before its first line: cancel only after that line.
    await waitFor('its first line', () => logText(id).length > 0);
    const started = Date.now();
    await observer.cancel(id);
    await waitFor('the agent to die', () => !alive(agent), 10_000);
    const took = Date.now() - started;
    assert.ok(took >= 700, `the agent died after ${took} ms, before the grace period`);
    await waitFor('the task to be cancelled', () => task(id).state === 'cancelled', 10_000);
  });

  it('kill -9 of the engine that launched a task: the task keeps running, another engine adopts it', async () => {
    await setUp();
    const first = group.startWorker(workspace);
    // The agent waits at the gate until the second engine has adopted it, however long that takes.
    const gate = path.join(workspace, 'adopted');
    const { id } = await observer.delegate({ prompt: `out:1 gate:${gate} out:1 exit:3`, agent: 'fake' });
    await agentPid(id);
    const firstOwner = await waitFor('a first owner', () => ownerOf(id));
    first.kill('SIGKILL');
    group.startWorker(workspace);
    const secondId = await waitFor('the second engine to register', () =>
      engineIds().find((e) => e !== firstOwner && e !== observer.id),
    );
    await waitFor('adoption by the second engine', () => ownerOf(id) === secondId);
    assert.equal(task(id).state, 'running', 'the task survived its window');
    writeFileSync(gate, '');

    await waitFor('the task to end', () => task(id).state !== 'running', 20_000);
    const ended = task(id);
    assert.equal(ended.state, 'failed');
    assert.equal(ended.exitCode, 3, 'the real exit code is recorded');
    const lines = logText(id)
      .split('\n')
      .filter((l) => l.includes('out 1'));
    assert.equal(lines.length, 2, `both lines are in the log, the second printed after adoption: ${lines}`);
  });

  it('kill -9 of a supervisor fails its task with "supervisor died" and stops its agent', async () => {
    await setUp();
    group.startWorker(workspace);
    const { id } = await observer.delegate({ prompt: 'out:1 sleep:60000', agent: 'fake' });
    const agent = await agentPid(id);
    strays.push(agent);
    const supervisor = readPidRecord({ outputDir: outputDir() }, id)!.supervisorPid;
    process.kill(supervisor, 'SIGKILL');
    await waitFor('the task to fail', () => task(id).state === 'failed', 15_000);
    assert.match(task(id).reason ?? '', /supervisor died/);
    await waitFor('the orphaned agent to be stopped', () => !alive(agent));
  });
});
