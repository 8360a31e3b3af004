import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import { Engine } from '../../../src/engine/engine';
import { fakeAgent, makeWorkspace, ProcessGroup, waitFor } from '../../support/cli';

/** Highest number of [start, end] intervals open at once. */
function maxOverlap(intervals: { start: number; end: number }[]): number {
  const events = intervals.flatMap((i) => [
    { t: i.start, d: 1 },
    { t: i.end, d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d); // an end at the same ms closes first
  let open = 0;
  let most = 0;
  for (const e of events) {
    open += e.d;
    most = Math.max(most, open);
  }
  return most;
}

describe('multiprocess: three engines share one queue', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;

  afterEach(async () => {
    await group.stopAll();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('runs 60 tasks exactly once each, never more than maxWorkers at once, all completed', async () => {
    workspace = makeWorkspace({});
    const record = path.join(workspace, 'runs.txt');
    const settings = {
      'dispatch.maxWorkers': 4,
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': {
        record: {
          command: process.execPath,
          args: [fakeAgent('record-run.js'), '150', '${prompt}'],
          env: { RECORD_FILE: record },
        },
      },
    };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    for (let i = 0; i < 3; i++) group.startWorker(workspace);

    const { config } = parseConfig({ agents: settings['dispatch.agents'] });
    const submitter = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
    });
    try {
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++)
        ids.add((await submitter.delegate({ prompt: `task ${i}`, agent: 'record' })).id);

      await waitFor(
        'all 60 tasks to end',
        () => submitter.list().filter((t) => t.state === 'completed' || t.state === 'failed').length === 60,
        100_000,
      );
      const tasks = submitter.list();
      assert.deepEqual(
        tasks.filter((t) => t.state !== 'completed').map((t) => `${t.id} ${t.state} ${t.reason}`),
        [],
      );

      const lines = readFileSync(record, 'utf8').trim().split('\n');
      const starts = new Map<string, number[]>();
      const ends = new Map<string, number>();
      for (const line of lines) {
        const [kind, id, at] = line.split(' ');
        if (kind === 'start') starts.set(id!, [...(starts.get(id!) ?? []), Number(at)]);
        else ends.set(id!, Number(at));
      }
      assert.equal(starts.size, 60, 'every task started');
      for (const [id, times] of starts) assert.equal(times.length, 1, `${id} started ${times.length} times`);
      assert.deepEqual([...starts.keys()].sort(), [...ids].sort());
      const overlap = maxOverlap([...starts].map(([id, [start]]) => ({ start: start!, end: ends.get(id)! })));
      assert.ok(overlap <= 4, `observed ${overlap} agents at once with maxWorkers 4`);
      assert.ok(overlap >= 2, `expected the engines to run tasks in parallel, saw ${overlap}`);
    } finally {
      await submitter.dispose();
    }
  });
});
