import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import type { Task } from '../../../../src/core/task';
import { fakeAgent, waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/** Delegate, retry, resume and pipelines through a real engine, supervisors and fake agents. */
describe('engine/submit/submissions', function () {
  this.timeout(30_000);
  let fx: EngineFixture;
  afterEach(async () => fx?.dispose());

  let record: string;
  const open = async (runTasks = true) => {
    record = path.join(mkdtempSync(path.join(tmpdir(), 'dispatch-runs-')), 'runs.txt');
    const echo = { command: process.execPath, args: [fakeAgent('echo-prompt.js'), '${prompt}'] };
    fx = await openTestEngine(
      { maxWorkers: 2, agents: { echo: { ...echo, env: { RECORD_FILE: record } } } },
      { runTasks },
    );
  };
  afterEach(() => rmSync(path.dirname(record), { recursive: true, force: true }));
  const ended = (id: string) =>
    waitFor(`task ${id} to end`, () => {
      const task = fx.engine.resolve(id);
      return ['completed', 'failed', 'cancelled'].includes(task.state) ? task : false;
    });
  const log = (task: Task) =>
    readFileSync(path.join(fx.engine.state.paths.outputDir, `${task.id}.log`), 'utf8');
  /** The prompt the agent was launched with, as echo-prompt.js printed it. */
  const launched = (task: Task) => /--- prompt ---\n([\s\S]*?)\n--- end of prompt ---/.exec(log(task))?.[1];
  const runs = () =>
    readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([what, id, at]) => ({ what, id, at: Number(at) }));

  describe('delegate with dependencies', () => {
    it('blocks a task until its dependency completes, then runs it', async () => {
      await open();
      const a = await fx.engine.delegate({ prompt: 'say:a sleep:300', agent: 'echo' });
      const b = await fx.engine.delegate({ prompt: 'say:b', agent: 'echo', after: [a.id.slice(0, 6)] });
      assert.equal(b.state, 'blocked');
      assert.deepEqual(fx.engine.waitingFor(), new Map([[b.id, [a.id]]]));
      assert.deepEqual(
        fx.engine.relationsOf(b.id).waitingFor.map((t) => t.id),
        [a.id],
      );
      assert.equal((await ended(b.id)).state, 'completed');
      const order = runs();
      const aEnd = order.find((r) => r.what === 'end' && r.id === a.id)!.at;
      const bStart = order.find((r) => r.what === 'start' && r.id === b.id)!.at;
      assert.ok(bStart >= aEnd, 'b started after a ended');
      assert.deepEqual(
        fx.engine.relationsOf(a.id).dependents.map((t) => t.id),
        [b.id],
      );
    });

    it('refuses unknown or malformed ids synchronously and stores nothing', async () => {
      await open(false);
      await assert.rejects(
        fx.engine.delegate({ prompt: 'x', agent: 'echo', after: ['zzzzzzzzzzzz'] }),
        (err) => isDispatchError(err, 'not-found') && /dependency "zzzzzzzzzzzz"/.test(err.message),
      );
      await assert.rejects(
        fx.engine.delegate({ prompt: 'x', agent: 'echo', continueFrom: 'not an id!' }),
        (err) =>
          isDispatchError(err, 'invalid-input') &&
          /continue-from: "not an id!" is not a task id/.test(err.message),
      );
      assert.deepEqual(fx.engine.list(), []);
    });

    it('refuses a cycle made by adding a dependency, with its path', async () => {
      await open(false);
      const a = await fx.engine.delegate({ prompt: 'x', agent: 'echo' });
      const b = await fx.engine.delegate({ prompt: 'x', agent: 'echo', after: [a.id] });
      await assert.rejects(
        fx.engine.addDependencies(a.id, [b.id]),
        (err) =>
          isDispatchError(err, 'dependency-cycle') && err.message.includes(`${a.id} → ${b.id} → ${a.id}`),
      );
    });
  });

  describe('continue-from, retry and resume', () => {
    it('launches a continuation with the earlier task context, keeping the stored prompt', async () => {
      await open();
      const a = await fx.engine.delegate({ prompt: 'say:first-marker', agent: 'echo' });
      const b = await fx.engine.delegate({ prompt: 'say:second', agent: 'echo', continueFrom: a.id });
      assert.equal(b.state, 'blocked');
      const done = await ended(b.id);
      assert.equal(done.state, 'completed');
      assert.equal(done.prompt, 'say:second');
      const prompt = launched(done)!;
      assert.match(prompt, new RegExp(`^\\[Context from earlier task ${a.id} "say:first-marker"\\]`));
      assert.match(prompt, /It ended completed \(exit code 0\)\./);
      assert.match(prompt, /said first-marker/);
      assert.match(prompt, /\[Your task\]\n\nsay:second$/);
    });

    it('records the git facts of a task that ran in a repository, for its continuation', async () => {
      await open();
      const repo = path.join(fx.workspace, 'repo');
      execFileSync('git', ['init', '-q', '-b', 'trunk', repo]);
      writeFileSync(path.join(repo, 'changed.txt'), 'x');
      const a = await fx.engine.delegate({ prompt: 'say:a', agent: 'echo', cwd: repo });
      const b = await fx.engine.delegate({ prompt: 'say:b', agent: 'echo', continueFrom: a.id });
      const prompt = launched(await ended(b.id))!;
      assert.ok(existsSync(path.join(fx.engine.state.paths.outputDir, `${a.id}.git.json`)));
      assert.match(prompt, /The git repository was at branch trunk\./);
      assert.match(prompt, /Uncommitted changes when it ended:\n {4}\?\? changed\.txt/);
    });

    it('retries a failed task as a linked copy, shown on both sides', async () => {
      await open();
      const a = await fx.engine.delegate({
        prompt: 'say:a exit:3',
        agent: 'echo',
        priority: 'P2',
        timeoutSeconds: 60,
      });
      assert.equal((await ended(a.id)).state, 'failed');
      const retry = await fx.engine.retry(a.id.slice(0, 7));
      assert.deepEqual(
        [retry.prompt, retry.agent, retry.priority, retry.cwd, retry.timeoutMs, retry.retryOf],
        ['say:a exit:3', 'echo', 'P2', a.cwd, 60_000, a.id],
      );
      assert.deepEqual(
        fx.engine.relationsOf(a.id).retriedAs.map((t) => t.id),
        [retry.id],
      );
      await ended(retry.id);
      await assert.rejects(fx.engine.retry('zzzzzzzzzzzz'), (err) => isDispatchError(err, 'not-found'));
    });

    it('resumes a failed task with its context and the extra instructions', async () => {
      await open();
      const a = await fx.engine.delegate({ prompt: 'say:broken exit:1', agent: 'echo' });
      await ended(a.id);
      const resumed = await fx.engine.resume(a.id, 'say:fixed');
      assert.equal(resumed.state, 'queued', 'a resume does not wait for the failed task');
      assert.equal(resumed.resumeOf, a.id);
      const done = await ended(resumed.id);
      assert.equal(done.state, 'completed');
      const prompt = launched(done)!;
      assert.match(prompt, /It ended failed \(exit code 1\)\./);
      assert.match(prompt, /said broken/);
      assert.match(prompt, /say:fixed$/);
      assert.deepEqual(
        fx.engine.relationsOf(a.id).resumedAs.map((t) => t.id),
        [resumed.id],
      );
    });
  });

  describe('pipelines', () => {
    it('stores nothing when a step is bad, before or inside the write', async () => {
      await open(false);
      await assert.rejects(
        fx.engine.pipeline([{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c', agent: 'nope' }], {
          agent: 'echo',
        }),
        (err) => isDispatchError(err, 'invalid-input') && /^step 3: unknown agent "nope"/.test(err.message),
      );
      await assert.rejects(
        fx.engine.pipeline([{ prompt: 'a' }, { prompt: 'b' }], { agent: 'echo', after: ['zzzzzzzzzzzz'] }),
        (err) => isDispatchError(err, 'not-found'),
      );
      assert.deepEqual(fx.engine.list(), []);
      const files = readdirSync(fx.engine.state.paths.outputDir).filter((f) => f.endsWith('.prompt'));
      assert.deepEqual(files, [], 'no prompt file left behind');
    });

    it('runs the steps in order, each continuing from the one before', async () => {
      await open();
      const steps = ['s1', 's2', 's3'].map((s) => ({ prompt: `say:${s}-out` }));
      const tasks = await fx.engine.pipeline(steps, { agent: 'echo', continue: true });
      assert.deepEqual(
        tasks.map((t) => t.state),
        ['queued', 'blocked', 'blocked'],
      );
      assert.deepEqual(
        tasks.map((t) => t.continueFrom),
        [null, tasks[0]!.id, tasks[1]!.id],
      );
      for (const task of tasks) assert.equal((await ended(task.id)).state, 'completed');
      assert.match(launched(fx.engine.resolve(tasks[2]!.id))!, /said s2-out/);
    });

    it('cancels the rest when a step fails', async () => {
      await open();
      const tasks = await fx.engine.pipeline(
        [{ prompt: 'exit:2' }, { prompt: 'say:b' }, { prompt: 'say:c' }],
        {
          agent: 'echo',
        },
      );
      const [a, b, c] = tasks.map((t) => t.id) as [string, string, string];
      assert.equal((await ended(a)).state, 'failed');
      assert.equal((await ended(c)).reason, `dependency ${a} failed (via ${b})`);
      assert.equal(fx.engine.resolve(b).reason, `dependency ${a} failed`);
      assert.ok(!runs().some((r) => r.id === b || r.id === c), 'the later steps never ran');
    });
  });
});
