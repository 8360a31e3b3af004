import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../src/core/errors';
import type { Task } from '../../../src/core/task';
import { Engine } from '../../../src/engine/engine';
import { supervisorBundle } from '../../support/bundles';
import { fakeAgent, waitFor } from '../../support/cli';
import { type EngineFixture, openTestEngine } from '../../support/engineFixture';

describe('engine/engine', function () {
  this.timeout(20_000);
  let fx: EngineFixture;

  afterEach(async () => fx?.dispose());

  const ended = (id: string) =>
    waitFor(
      `task ${id} to end`,
      () => {
        const task = fx.engine.resolve(id);
        return ['completed', 'failed', 'cancelled'].includes(task.state) ? task : false;
      },
      15_000,
    );
  const log = (task: Task) =>
    readFileSync(path.join(fx.engine.state.paths.outputDir, `${task.id}.log`), 'utf8');

  describe('delegate', () => {
    beforeEach(async () => {
      fx = await openTestEngine({ maxWorkers: 1 }, { runTasks: false });
    });

    const refused = (pattern: RegExp) => (err: unknown) =>
      isDispatchError(err, 'invalid-input') && pattern.test(err.message);

    it('refuses bad input with a clear message and stores nothing', async () => {
      await assert.rejects(fx.engine.delegate({ prompt: '   ', agent: 'fake' }), refused(/prompt is empty/));
      await assert.rejects(
        fx.engine.delegate({ prompt: 'x', agent: 'nope' }),
        refused(/unknown agent "nope"; known agents: .*claude.*fake/),
      );
      await assert.rejects(
        fx.engine.delegate({ prompt: 'x', agent: 'fake', priority: 'P7' }),
        refused(/bad priority/),
      );
      await assert.rejects(
        fx.engine.delegate({ prompt: 'x', agent: 'fake', cwd: '/no/such/folder' }),
        refused(/working folder \/no\/such\/folder does not exist/),
      );
      assert.deepEqual(fx.engine.list(), []);
    });

    it('queues with defaults: title from the prompt, P1, the workspace as folder, stored by this engine', async () => {
      const task = await fx.engine.delegate({ prompt: 'Fix the tests\nin detail', agent: 'fake' });
      assert.equal(task.state, 'queued');
      // The window it was delegated from announces how it ends (extension/model/finishWatch.ts).
      assert.equal(task.createdBy, fx.engine.id);
      assert.equal(task.title, 'Fix the tests');
      assert.equal(task.priority, 'P1');
      assert.equal(task.cwd, fx.workspace);
      assert.equal(task.timeoutMs, null);
    });

    it('cancels a queued task at once', async () => {
      const task = await fx.engine.delegate({ prompt: 'out:1', agent: 'fake' });
      const cancelled = await fx.engine.cancel(task.id.slice(0, 6));
      assert.equal(cancelled.state, 'cancelled');
      assert.equal(cancelled.reason, 'cancelled by user');
    });
  });

  describe('running', () => {
    it('runs a task to completion and keeps its output', async () => {
      fx = await openTestEngine();
      const task = await fx.engine.delegate({ prompt: 'out:3 err:1', agent: 'fake' });
      const done = await ended(task.id);
      assert.equal(done.state, 'completed');
      assert.equal(done.exitCode, 0);
      assert.ok(done.startedAt! >= done.createdAt && done.endedAt! >= done.startedAt!);
      assert.match(log(done), /out 3/);
      assert.match(log(done), /err 1/);
      assert.equal(fx.engine.state.read((r) => r.workers.list()).length, 0, 'the worker slot is freed');
    });

    it('records a failing exit code and a signal death as failures', async () => {
      fx = await openTestEngine();
      const exit = await fx.engine.delegate({ prompt: 'out:1 exit:7', agent: 'fake' });
      const killed = await fx.engine.delegate({ prompt: 'kill-self:SIGKILL', agent: 'fake' });
      const a = await ended(exit.id);
      const b = await ended(killed.id);
      assert.deepEqual([a.state, a.exitCode, a.reason], ['failed', 7, 'exit code 7']);
      assert.deepEqual(
        [b.state, b.exitCode, b.signal, b.reason],
        ['failed', null, 'SIGKILL', 'killed by SIGKILL'],
      );
    });

    it('fails a task that runs past its timeout with reason "timeout"', async () => {
      fx = await openTestEngine();
      const task = await fx.engine.delegate({
        prompt: 'out:1 sleep:60000',
        agent: 'fake',
        timeoutSeconds: 0.5,
      });
      const done = await ended(task.id);
      assert.deepEqual([done.state, done.reason], ['failed', 'timeout']);
    });

    it('starts the highest priority first, oldest first within a priority', async () => {
      fx = await openTestEngine({ maxWorkers: 1 }, { runTasks: false });
      const ids: string[] = [];
      for (const priority of ['P2', 'P1', 'P0', 'P1', 'P0']) {
        ids.push((await fx.engine.delegate({ prompt: priority, agent: 'record', priority })).id);
      }
      // Everything is queued before an engine that runs tasks opens on the same state.
      const runner = await Engine.open({
        stateDir: fx.engine.state.dir,
        workspace: fx.workspace,
        config: () => fx.config,
        kind: 'test',
        tickMs: 200,
        resources: { admit: () => ({ admitted: true }) },
        supervisorScript: supervisorBundle,
      });
      try {
        await waitFor('all to end', () => fx.engine.list().every((t) => t.state === 'completed'), 15_000);
      } finally {
        await runner.dispose();
      }
      const order = readFileSync(path.join(fx.workspace, 'runs.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('start'))
        .map((l) => ids.indexOf(l.split(' ')[1]!));
      assert.deepEqual(order, [2, 4, 1, 3, 0]);
    });

    it('applies a raised maxWorkers at once', async () => {
      fx = await openTestEngine({ maxWorkers: 1 });
      const tasks = [];
      for (let i = 0; i < 3; i++)
        tasks.push(await fx.engine.delegate({ prompt: 'sleep:3000', agent: 'fake' }));
      await waitFor('one running', () => fx.engine.list({ states: ['running'] }).length === 1);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(fx.engine.list({ states: ['running'] }).length, 1, 'the cap holds');
      fx.config.maxWorkers = 3;
      fx.engine.poke();
      await waitFor('all three running', () => fx.engine.list({ states: ['running'] }).length === 3, 15_000);
      for (const t of tasks) await fx.engine.cancel(t.id);
    });
  });

  describe('agents that cannot run', () => {
    let bin: string;
    const savedPath = process.env.PATH;

    beforeEach(() => {
      // A `claude` on PATH that behaves like the real CLI, minus the model.
      bin = mkdtempSync(path.join(tmpdir(), 'dispatch-bin-'));
      const shim = path.join(bin, 'claude');
      writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${fakeAgent('fake-claude.js')}" "$@"\n`);
      chmodSync(shim, 0o755);
      process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
      rmSync(bin, { recursive: true, force: true });
    });

    it('fails a task whose binary is missing, with the reason in the task and the log', async () => {
      fx = await openTestEngine({
        agents: { ghost: { command: 'no-such-agent-binary', args: ['${prompt}'] } },
      });
      const task = await fx.engine.delegate({ prompt: 'hello', agent: 'ghost' });
      const done = await ended(task.id);
      assert.equal(done.state, 'failed');
      assert.match(done.reason ?? '', /no-such-agent-binary/);
      // One line a person reads: no internal code, no Markdown.
      assert.doesNotMatch(done.reason ?? '', /spawn-failed|`|\n/);
    });

    it("fails a refused login with the agent's own message, without hanging", async () => {
      fx = await openTestEngine();
      const task = await fx.engine.delegate({ prompt: 'not-logged-in', agent: 'claude' });
      const done = await ended(task.id);
      assert.equal(done.state, 'failed');
      assert.match(log(done), /Not logged in/);
      assert.match(done.reason ?? '', /Not logged in|exit code 1/);
    });

    it('fails a run that exits 0 but whose result says is_error', async () => {
      fx = await openTestEngine();
      const task = await fx.engine.delegate({ prompt: 'is-error', agent: 'claude' });
      const done = await ended(task.id);
      assert.deepEqual([done.state, done.exitCode], ['failed', 0]);
      assert.match(done.reason ?? '', /Invalid API key/);
    });

    it('completes a successful claude run', async () => {
      fx = await openTestEngine();
      const task = await fx.engine.delegate({ prompt: 'success', agent: 'claude' });
      assert.equal((await ended(task.id)).state, 'completed');
    });
  });

  describe('clearFinished', () => {
    it('deletes finished tasks and their files, the given ones or all, never unfinished ones', async () => {
      fx = await openTestEngine({ maxWorkers: 1 }, { runTasks: false });
      const { engine } = fx;
      const ids = [];
      for (const prompt of ['a', 'b', 'c']) {
        const task = await engine.delegate({ prompt, agent: 'fake' });
        await engine.cancel(task.id);
        ids.push(task.id);
      }
      const queued = await engine.delegate({ prompt: 'still waiting', agent: 'fake' });
      const files = (id: string) => existsSync(engine.state.paths.promptPath(id));
      assert.ok(ids.every(files));

      assert.deepEqual(await engine.clearFinished([ids[0]!, queued.id]), { tasks: 1, files: 1 });
      assert.ok(!files(ids[0]!));
      assert.deepEqual(await engine.clearFinished(), { tasks: 2, files: 2 });
      assert.deepEqual(
        engine.list().map((t) => t.id),
        [queued.id],
      );
      assert.ok(files(queued.id));
    });
  });
});
