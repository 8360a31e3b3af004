import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli, waitFor } from '../../support/cli';

/**
 * dispatch.budget.dailyUsd across two `dispatch worker` processes on one workspace: the built-in
 * `claude` is replay-agent.js printing Claude Code's own result (claude-text reports $0.00082).
 */
describe('multiprocess: the daily budget across two workers', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;

  afterEach(async () => {
    await group.stopAll();
    rmSync(workspace, { recursive: true, force: true });
  });

  const settings = (dailyUsd: number) =>
    writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({
        'dispatch.outputFlushIntervalMs': 100,
        'dispatch.memoryReserveMB': 0,
        'dispatch.agents': { claude: { command: fakeAgent('replay-agent.js') } },
        'dispatch.budget.dailyUsd': dailyUsd,
      }),
    );
  const ok = (...args: string[]) => {
    const run = runCli(workspace, args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run.stdout.trim();
  };

  it('holds the queue in both once reached; raising it in the settings file lets both run again', async () => {
    workspace = makeWorkspace({});
    settings(0.0008);
    const workers = [group.startWorker(workspace)];
    const first = ok('delegate', 'replay:claude-text', '--agent', 'claude');
    ok('wait', first, '--timeout', '60');
    workers.push(group.startWorker(workspace));

    const held = [1, 2, 3].map(() => ok('delegate', 'replay:claude-text', '--agent', 'claude'));
    const why = 'daily budget $0.0008 reached ($0.0008 today)';
    for (const worker of workers)
      await waitFor(
        'each worker to hold the queue',
        () => worker.output.join('').includes(`not starting tasks: ${why}`),
        60_000,
      );
    assert.deepEqual(
      held.map((id) => JSON.parse(ok('show', id, '--json')).state),
      ['queued', 'queued', 'queued'],
    );
    assert.match(ok('list', '--state', 'queued'), /\(waiting: daily budget \$0\.0008 reached/);

    settings(1);
    for (const id of held) ok('wait', id, '--timeout', '60');
    for (const worker of workers)
      await waitFor('each worker to re-read its settings', () =>
        worker.output.join('').includes('settings re-read from '),
      );
    const usage = JSON.parse(ok('usage', '--json'));
    assert.deepEqual([usage.total.tasks, usage.budget.dailyUsd, usage.budget.reached], [4, 1, false]);
  });
});
