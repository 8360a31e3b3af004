import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { Task } from '../../../src/core/task';
import { Engine } from '../../../src/engine/engine';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli, waitFor } from '../../support/cli';

describe('multiprocess: a per-agent cap across two engines', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;

  afterEach(async () => {
    await group.stopAll();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("holds the capped agent's second task while another agent's task runs, never two at once", async () => {
    workspace = makeWorkspace({});
    const record = path.join(workspace, 'runs.txt');
    const release = path.join(workspace, 'release');
    const agent = (env: Record<string, string>, maxWorkers?: number) => ({
      command: process.execPath,
      args: [fakeAgent('record-run.js'), '50', '${prompt}'],
      env: { RECORD_FILE: record, ...env },
      ...(maxWorkers ? { maxWorkers } : {}),
    });
    // `capped` tasks run until the test creates the release file; `free` ones end at once.
    const agents = { capped: agent({ RELEASE_FILE: release }, 1), free: agent({}) };
    const settings = {
      'dispatch.maxWorkers': 4,
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': agents,
    };
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    for (let i = 0; i < 2; i++) group.startWorker(workspace);

    const { config } = parseConfig({ agents });
    const submitter = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
    });
    try {
      const capped: Task[] = [];
      for (let i = 0; i < 3; i++)
        capped.push(await submitter.delegate({ prompt: `capped ${i}`, agent: 'capped' }));
      const free = await submitter.delegate({ prompt: 'free', agent: 'free' });

      // The free task, queued behind the capped ones, runs to the end while they are held.
      await waitFor(
        'the free task to complete',
        () => submitter.resolve(free.id).state === 'completed',
        60_000,
      );
      const states = () => capped.map((t) => submitter.resolve(t.id).state);
      assert.deepEqual(states().sort(), ['queued', 'queued', 'running']);
      const list = runCli(workspace, ['list', '--state', 'queued']);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /\(waiting: capped at its cap \(1 running\)\)/);

      writeFileSync(release, '');
      await waitFor('every task to end', () => states().every((s) => s === 'completed'), 60_000);

      const runs = readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
      const at = (kind: string, id: string) => Number(runs.find(([k, i]) => k === kind && i === id)?.[2]);
      const intervals = capped.map((t) => ({ start: at('start', t.id), end: at('end', t.id) }));
      intervals.sort((a, b) => a.start - b.start);
      for (let i = 1; i < intervals.length; i++) {
        assert.ok(
          intervals[i]!.start >= intervals[i - 1]!.end,
          `two capped tasks overlapped: ${runs.join(' | ')}`,
        );
      }
      assert.ok(
        at('start', free.id) < intervals[1]!.start,
        'the free task started before the second capped one',
      );
      assert.equal(runs.filter(([k]) => k === 'start').length, 4, 'each task started exactly once');
    } finally {
      await submitter.dispose();
    }
  });
});
