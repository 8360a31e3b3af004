// The resumer on real stores: two stores on one state directory stand in for two engines.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { defaultConfig } from '../../../../src/core/config';
import { silentLog } from '../../../../src/engine/engineLog';
import { LimitResumer, type Resumed } from '../../../../src/engine/limits/limitResumer';
import { openStateStore, outputFiles, type StateStore } from '../../../../src/store';
import { cleanTempDirs, newTask, tempDir } from '../../store/harness';

describe('engine/limits/limitResumer', () => {
  const stores: StateStore[] = [];
  const disposables: { dispose(): void }[] = [];
  let clock = 1_000;
  afterEach(() => {
    for (const d of disposables.splice(0)) d.dispose();
    for (const s of stores.splice(0)) s.dispose();
    cleanTempDirs();
  });

  async function engines(n: number, settings: Record<string, unknown> = {}) {
    const dir = tempDir();
    const config = { ...defaultConfig(), ...settings };
    const resumed: Resumed[] = [];
    const made: { store: StateStore; resumer: LimitResumer }[] = [];
    for (let i = 0; i < n; i++) {
      const store = await openStateStore({ dir });
      stores.push(store);
      const resumer = new LimitResumer({
        store,
        config: () => config,
        log: silentLog,
        now: () => clock,
        onResumed: (what) => resumed.push(what),
      });
      made.push({ store, resumer });
    }
    return { made, resumed, store: made[0]!.store };
  }

  /** A claude task that ran and was paused until `resumeAt`, with its agent paused as long. */
  async function pausedTask(store: StateStore, resumeAt: number) {
    return store.write((r) => {
      const task = r.tasks.create(newTask({ agent: 'claude' }), clock);
      r.tasks.markRunning(task.id, clock);
      r.agentPauses.pause({
        agent: 'claude',
        resumeAt,
        pausedAt: clock,
        reason: 'usage-limit: x',
        taskId: task.id,
      });
      return r.paused.pause(task.id, {
        exitCode: 1,
        signal: null,
        reason: 'usage-limit: x',
        endedAt: clock,
        resumeAt,
      });
    });
  }

  it('resumes a due task exactly once when several engines look at the same time', async () => {
    const { made, resumed, store } = await engines(3);
    const task = await pausedTask(store, 5_000);
    // The earlier run's records: they must go before the task runs again.
    const files = outputFiles(store.paths.outputDir, task.id);
    writeFileSync(files.exit, '{}');
    writeFileSync(files.pid, '{}');
    clock = 4_999;
    assert.deepEqual(
      await Promise.all(made.map((m) => m.resumer.runDue())),
      made.map(() => ({ tasks: [], agents: [] })),
      'nothing is due yet',
    );
    clock = 5_000;
    const results = await Promise.all(made.map((m) => m.resumer.runDue()));
    assert.deepEqual(
      results.flatMap((r) => r.tasks),
      [task.id],
      'one engine resumed it',
    );
    assert.deepEqual(
      results.flatMap((r) => r.agents),
      ['claude'],
      "one engine ended the agent's pause",
    );
    assert.equal(resumed.length, 1);
    const now = store.read((r) => r.tasks.get(task.id))!;
    assert.deepEqual([now.state, now.limitResumes], ['queued', 1]);
    assert.deepEqual(
      store.read((r) => r.agentPauses.active(0)),
      [],
    );
    // afterResume in the engine clears the records; the resumer hands them over to it.
    assert.ok(existsSync(files.exit));
  });

  it('with autoResume off, ends the agent’s pause at its reset but leaves the task paused', async () => {
    const { made, store } = await engines(1, { 'usageLimit.autoResume': false });
    const task = await pausedTask(store, 5_000);
    clock = 6_000;
    assert.deepEqual(await made[0]!.resumer.runDue(), { tasks: [], agents: ['claude'] });
    assert.equal(store.read((r) => r.tasks.get(task.id))?.state, 'paused');
  });

  it('fires by its own timer at the resume time, without a tick', async () => {
    const { made, resumed, store } = await engines(1);
    clock = Date.now();
    const task = await pausedTask(store, clock + 150);
    disposables.push(made[0]!.resumer.start());
    clock += 150;
    const deadline = Date.now() + 10_000;
    while (resumed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(resumed[0]?.tasks, [task.id]);
  });
});
