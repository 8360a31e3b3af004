import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DispatchConfig, parseConfig } from '../../../../src/core/config';
import { Engine } from '../../../../src/engine/engine';
import { supervisorBundle } from '../../../support/bundles';
import { fakeAgent, waitFor } from '../../../support/cli';

/**
 * dispatch.budget.dailyUsd with two real engines on one state folder, as two windows: the built-in
 * `claude` is replay-agent.js printing Claude Code's own result (claude-text: $0.00082 reported).
 */
describe('engine/dispatch/budget: the daily budget across two engines', function () {
  this.timeout(90_000);
  let workspace: string;
  const engines: Engine[] = [];

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("starts no task in either engine once today's reported cost reaches it; a raised budget lets them run", async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-budget-'));
    const launches = path.join(workspace, 'launches.jsonl');
    let dailyUsd = 0.0008;
    const base = parseConfig({
      outputFlushIntervalMs: 100,
      agents: { claude: { command: fakeAgent('replay-agent.js'), env: { ARGV_FILE: launches } } },
    }).config;
    const config = (): DispatchConfig => ({ ...base, 'budget.dailyUsd': dailyUsd });
    const logs: string[][] = [];
    for (const label of ['window a', 'window b']) {
      const log: string[] = [];
      logs.push(log);
      engines.push(
        await Engine.open({
          stateDir: path.join(workspace, '.vscode', 'dispatch'),
          workspace,
          config,
          kind: 'test',
          label,
          tickMs: 200,
          resources: { admit: () => ({ admitted: true }) },
          supervisorScript: supervisorBundle,
          log: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) },
        }),
      );
    }
    const [a, b] = engines as [Engine, Engine];
    const launched = () =>
      readFileSync(launches, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { task: string }).task);

    // Under the budget: the first task runs, and reports more than the budget.
    const first = await a.delegate({ prompt: 'replay:claude-text', agent: 'claude' });
    await waitFor('the first task to complete', () => a.resolve(first.id).state === 'completed');
    assert.equal(a.resolve(first.id).costUsd, 0.00082);

    const held = [
      await a.delegate({ prompt: 'replay:claude-text', agent: 'claude' }),
      await b.delegate({ prompt: 'replay:claude-text', agent: 'claude' }),
    ];
    const why = 'daily budget $0.0008 reached ($0.0008 today)';
    // Each engine tried to claim after the submissions and said why it did not.
    for (const log of logs)
      await waitFor('both engines to hold the queue', () => log.includes(`not starting tasks: ${why}`));
    a.poke();
    b.poke();
    assert.deepEqual(
      held.map((t) => a.resolve(t.id).state),
      ['queued', 'queued'],
    );
    assert.deepEqual(launched(), [first.id], 'no agent started while over the budget');
    assert.equal(a.budgetHold(), why);
    assert.equal(b.budgetHold(), why);
    const today = a.usage({ sinceMs: 0 });
    assert.deepEqual([today.total.tasks, today.total.inputTokens, today.total.outputTokens], [1, 120, 17]);

    // A raised budget (as a settings change pokes every engine) lets them run.
    dailyUsd = 1;
    a.poke();
    b.poke();
    await waitFor(
      'the held tasks to complete',
      () => held.every((t) => a.resolve(t.id).state === 'completed'),
      60_000,
    );
    assert.equal(a.budgetHold(), undefined);
    assert.deepEqual(launched().sort(), [first.id, ...held.map((t) => t.id)].sort());
  });
});
