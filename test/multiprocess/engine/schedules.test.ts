import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { ScheduleRun } from '../../../src/core/schedule';
import { Engine, type EngineOptions } from '../../../src/engine/engine';
import { fakeAgent, makeWorkspace, ProcessGroup, waitFor } from '../../support/cli';

const SEC = 1000;

/** Schedules fired by several `dispatch worker` processes on one state directory. */
describe('multiprocess: schedules across engines', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;
  let record: string;
  let submitter: Engine | undefined;

  beforeEach(() => {
    workspace = makeWorkspace({});
    record = path.join(workspace, 'runs.txt');
    const settings = {
      'dispatch.maxWorkers': 4,
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': {
        record: {
          command: process.execPath,
          args: [fakeAgent('record-run.js'), '20', '${prompt}'],
          env: { RECORD_FILE: record },
        },
      },
    };
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
  });

  afterEach(async () => {
    await group.stopAll();
    await submitter?.dispose();
    submitter = undefined;
    rmSync(workspace, { recursive: true, force: true });
  });

  /** An engine in this process that only writes the queue, like the CLI; `now` may be a fake clock. */
  async function openSubmitter(extra: Partial<EngineOptions> = {}): Promise<Engine> {
    const { config } = parseConfig({
      agents: { record: { command: process.execPath, args: [fakeAgent('record-run.js')] } },
    });
    submitter = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
      ...extra,
    });
    return submitter;
  }

  const startWorkers = async (n: number) => {
    const workers = Array.from({ length: n }, () => group.startWorker(workspace));
    // A worker prints its line after its first tick, which has already fired anything due.
    await waitFor(`${n} workers to start`, () => workers.every((w) => /^worker /m.test(w.output.join(''))));
    return workers;
  };

  /** Task ids started by the record agent, with how many times each started. */
  const starts = () => {
    const counts = new Map<string, number>();
    for (const line of readFileSync(record, 'utf8').trim().split('\n')) {
      const [kind, id] = line.split(' ');
      if (kind === 'start') counts.set(id!, (counts.get(id!) ?? 0) + 1);
    }
    return counts;
  };

  it('fires a schedule due every second for 20 s exactly once per due time with 3 engines', async () => {
    const workers = await startWorkers(3);
    const engine = await openSubmitter();
    const expiresAt = Math.floor(Date.now() / SEC) * SEC + 21 * SEC - 1;
    const schedule = await engine.schedules.create({
      prompt: 'tick',
      agent: 'record',
      cron: '* * * * * *',
      allowSeconds: true,
      missed: 'catchup',
      expiresAt,
    });
    // Every second from the first due time until expiry: 20 due times (21 if creation crossed a second).
    const expected: number[] = [];
    for (let t = schedule.nextRunAt!; t < expiresAt; t += SEC) expected.push(t);
    assert.ok(expected.length >= 20);

    await waitFor(
      'the schedule to finish',
      () => engine.schedules.get(schedule.id).status === 'finished',
      40_000,
    );
    const runs = engine.schedules.runs(schedule.id).reverse();
    const fired = runs.filter((r) => r.kind === 'fired');
    await waitFor(
      'every fired task to end',
      () => fired.every((r) => ['completed', 'failed'].includes(engine.resolve(r.taskId!).state)),
      30_000,
    );

    // Every due time is accounted for by exactly one entry: no duplicates, no gaps.
    assert.deepEqual(covered(runs), expected, history(runs));
    // One task per fired entry, and no task that no entry accounts for.
    const tasks = engine.list();
    assert.equal(new Set(fired.map((r) => r.taskId)).size, fired.length);
    assert.deepEqual(tasks.map((t) => t.id).sort(), fired.map((r) => r.taskId).sort());
    assert.ok(
      tasks.every((t) => t.state === 'completed'),
      tasks.map((t) => `${t.id} ${t.state} ${t.reason}`).join('\n'),
    );
    // Each task ran once, in one engine.
    const started = starts();
    assert.deepEqual([...started.keys()].sort(), fired.map((r) => r.taskId).sort());
    assert.ok([...started.values()].every((n) => n === 1));
    // A due time without a task is allowed only by policy: the previous run was still active (its
    // task waits while CPU admission refuses on a busy machine), or it was late and caught up.
    for (const r of runs.filter((x) => x.kind !== 'fired'))
      assert.match(r.reason ?? '', /the previous run is still active$/, history(runs));
    assert.ok(
      fired.length >= 5,
      `only ${fired.length} of ${expected.length} due times fired\n${history(runs)}`,
    );
    // Each engine logs the runs it fired: together exactly the fired ones.
    const firedBy = workers.map((w) => (w.output.join('').match(/: queued task /g) ?? []).length);
    assert.equal(
      firedBy.reduce((a, b) => a + b, 0),
      fired.length,
      `engines fired ${firedBy.join(' + ')} runs`,
    );
    const late = runs.filter((r) => r.kind !== 'fired' || r.dueCount > 1);
    console.log(
      `      (${fired.length} of ${expected.length} due times fired; by engine: ${firedBy.join(', ')})`,
    );
    if (late.length) console.log(history(late).replace(/^/gm, '        '));
  });

  it('two engines that start together catch up a missed cron run and a missed one-time run once', async () => {
    // Created by a clock three hours behind: every due time since then passed with no engine open.
    const behind = Date.now() - 3 * 3600 * SEC;
    const engine = await openSubmitter({ now: () => Date.now() - 3 * 3600 * SEC });
    // Hourly, half an hour away from now, so no on-time run falls inside the test.
    const minute = (new Date().getUTCMinutes() + 30) % 60;
    const hourly = await engine.schedules.create({
      prompt: 'hourly',
      agent: 'record',
      cron: `${minute} * * * *`,
      timezone: 'UTC',
      missed: 'catchup',
    });
    const once = await engine.schedules.create({
      prompt: 'once',
      agent: 'record',
      at: behind + 60 * SEC,
      missed: 'catchup',
    });
    assert.ok(hourly.nextRunAt! < Date.now() && once.nextRunAt! < Date.now());

    await startWorkers(2);
    await waitFor('both catch-up runs', () => engine.list().length >= 2);
    await new Promise((r) => setTimeout(r, 2 * SEC)); // room for a (wrong) second run to appear

    const [hourlyRun, ...extraHourly] = engine.schedules.runs(hourly.id);
    const [onceRun, ...extraOnce] = engine.schedules.runs(once.id);
    assert.deepEqual([extraHourly, extraOnce], [[], []]);
    assert.deepEqual([hourlyRun!.kind, onceRun!.kind], ['fired', 'fired']);
    assert.ok(
      hourlyRun!.dueCount >= 2,
      `the hourly entry stands for ${hourlyRun!.dueCount} missed due times`,
    );
    assert.equal(engine.list().length, 2);
    assert.ok(engine.schedules.get(hourly.id).nextRunAt! > Date.now());
    assert.equal(engine.schedules.get(once.id).status, 'finished');
  });
});

/** The due times a history accounts for, in order (each entry stands for dueCount seconds). */
function covered(runs: ScheduleRun[]): number[] {
  return runs.flatMap((r) => Array.from({ length: r.dueCount }, (_, i) => r.dueAt + i * SEC));
}

function history(runs: ScheduleRun[]): string {
  return runs
    .map(
      (r) =>
        `${new Date(r.dueAt).toISOString()} x${r.dueCount} ${r.kind} +${r.at - r.dueAt}ms ${r.reason ?? ''}`,
    )
    .join('\n');
}
