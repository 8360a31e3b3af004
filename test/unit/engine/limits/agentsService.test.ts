// Usage limits on an in-process engine with real supervisors: limit-agent.js prints each CLI's
// limit (docs/agents.md), with resets far away, so only the user's Resume Now ends the pauses here.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import type { Task } from '../../../../src/core/task';
import { readFrom } from '../../../../src/store';
import { ANY_LEVEL, fakeAgent, waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';
import { cleanTempDirs, tempDir } from '../../store/harness';

describe('engine/limits/agentsService', function () {
  this.timeout(60_000);
  let fx: EngineFixture;
  let record: string;

  beforeEach(async () => {
    const dir = tempDir('dispatch-limits-');
    mkdirSync(path.join(dir, 'runs'));
    record = path.join(dir, 'runs.txt');
    writeFileSync(record, '');
    const env = (cli?: string) => ({
      RECORD_FILE: record,
      RUNS_DIR: path.join(dir, 'runs'),
      ...(cli ? { FAKE_CLI: cli } : {}),
    });
    fx = await openTestEngine({
      agents: {
        claude: { command: fakeAgent('limit-agent.js'), env: env('claude'), autonomyArgs: ANY_LEVEL },
        custom: {
          command: process.execPath,
          args: [fakeAgent('limit-agent.js'), '${prompt}'],
          env: env(),
          autonomyArgs: ANY_LEVEL,
          limitPattern: 'RATE LIMITED until (?<reset>\\d+)',
        },
        fake: {
          command: process.execPath,
          args: [fakeAgent('fake-agent.js'), '${prompt}'],
          autonomyArgs: ANY_LEVEL,
          limitPattern: 'RATE LIMITED until (?<reset>\\d+)',
        },
      },
    });
  });
  afterEach(async () => {
    await fx.dispose();
    cleanTempDirs();
  });

  const state = (task: Task) => fx.engine.resolve(task.id);
  const until = (task: Task, wanted: Task['state']) =>
    waitFor(`${task.id} to be ${wanted}`, () => state(task).state === wanted, 30_000);
  const starts = (task: Task) =>
    readFileSync(record, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(`start ${task.id}`));

  it('pauses the task and its agent at the limit; Resume Now continues its session', async () => {
    const task = await fx.engine.delegate({ prompt: 'limit:3600:1 fix it', agent: 'claude' });
    await until(task, 'paused');
    const paused = state(task);
    assert.match(paused.reason ?? '', /^usage-limit: You've hit your 5-hour limit · resets /);
    assert.ok(paused.resumeAt! > Date.now() + 3000 * 1000);
    assert.equal(paused.sessionId, `session-${task.id}`);
    const claude = fx.engine.agents.list().find((a) => a.name === 'claude')!;
    assert.deepEqual(
      [claude.pausedUntil, claude.paused, claude.running, claude.queued],
      [paused.resumeAt, 1, 0, 0],
    );
    assert.match(fx.engine.agentsAtCap().get('claude') ?? '', /^claude paused at its usage limit until /);
    assert.match(fx.engine.agents.pausedWords(paused), /^resumes /);

    const resumed = await fx.engine.agents.resumeTask(task.id);
    assert.equal(resumed.state === 'queued' || resumed.state === 'running', true, resumed.state);
    assert.deepEqual(fx.engine.agents.pauses(), [], "the agent's pause ended with it");
    await until(task, 'completed');
    assert.equal(starts(task).length, 2);
    assert.match(
      starts(task)[1]!,
      new RegExp(` session-${task.id}$`),
      'the second run continued the session',
    );
    const log = (await readFrom(fx.engine.paths.outputDir, task.id, 0)).chunks.map((c) => c.data).join('');
    assert.match(log, /You've hit your 5-hour limit/, 'the first run stays in the log');
    assert.match(log, /resuming after the usage limit \(resume 1 of at most 3\): continuing claude session/);
    assert.match(log, /All done\./);
    assert.equal(state(task).limitResumes, 1);
    assert.equal(fx.engine.result(task.id)?.summary, 'All done.');
  });

  it('Resume Agent Now queues every paused task of the agent and ends its pause', async () => {
    const tasks = [
      await fx.engine.delegate({ prompt: 'limit:3600:1 one', agent: 'custom' }),
      await fx.engine.delegate({ prompt: 'limit:3600:1 two', agent: 'custom' }),
    ];
    for (const task of tasks) await until(task, 'paused');
    const queued = await fx.engine.delegate({ prompt: 'three', agent: 'custom' });
    const result = await fx.engine.agents.resumeAgent('custom');
    assert.deepEqual([...result.tasks].sort(), tasks.map((t) => t.id).sort());
    assert.deepEqual(result.agents, ['custom']);
    for (const task of [...tasks, queued]) await until(task, 'completed');
    await assert.rejects(
      fx.engine.agents.resumeAgent('custom'),
      (err) =>
        isDispatchError(err, 'invalid-input') &&
        /custom is not paused at a usage limit \(no agent is\)/.test(err.message),
    );
  });

  it('cancels a paused task at once, and refuses to retry, resume, reply to or Resume Now it wrongly', async () => {
    const task = await fx.engine.delegate({ prompt: 'limit:3600:1 x', agent: 'custom' });
    await until(task, 'paused');
    for (const attempt of [
      () => fx.engine.retry(task.id),
      () => fx.engine.resume(task.id),
      () => fx.engine.reply(task.id, 'go on'),
    ]) {
      await assert.rejects(attempt(), (err) => isDispatchError(err, 'invalid-input'));
    }
    await assert.rejects(
      fx.engine.resume(task.id),
      /paused at custom's usage limit .*dispatch agents resume custom/,
    );
    await fx.engine.cancel(task.id);
    assert.equal(state(task).state, 'cancelled');
    await assert.rejects(fx.engine.agents.resumeTask(task.id), /is cancelled, not paused at a usage limit/);
  });

  it("counts a plain-text agent's limitPattern line only when the run exits non-zero", async () => {
    const reset = Math.round(Date.now() / 1000) + 7200;
    const line = Buffer.from(`RATE LIMITED until ${reset}, retrying\n`).toString('base64url');
    const task = await fx.engine.delegate({ prompt: `text:${line} out:1`, agent: 'fake' });
    await until(task, 'completed');
    assert.equal(fx.engine.agents.pauses().length, 0);
    const failing = await fx.engine.delegate({ prompt: `text:${line} exit:3`, agent: 'fake' });
    await until(failing, 'paused');
    assert.equal(state(failing).resumeAt, reset * 1000);
    assert.equal(state(failing).reason, `usage-limit: RATE LIMITED until ${reset}, retrying`);
  });
});
