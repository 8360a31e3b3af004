import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/**
 * `dispatch usage` over runs whose agents printed what the real CLIs print: the built-ins are
 * replay-agent.js replaying captures (test/fixtures/agents/captured) — claude-text reports 120
 * tokens in, 17 out and $0.00082; claude-bash-default 240, 34 and $0.00164; codex-text 200 (50
 * cached) and 20, no cost; gemini-text 600 and 24, no cost — and a shell command reports nothing.
 */
describe('cli: dispatch usage', function () {
  this.timeout(90_000);
  let ws: string;
  const settings = (extra: Record<string, unknown> = {}) => {
    const replay = { command: fakeAgent('replay-agent.js') };
    writeFileSync(
      path.join(ws, '.vscode', 'settings.json'),
      JSON.stringify({
        'dispatch.outputFlushIntervalMs': 100,
        'dispatch.agents': { claude: replay, codex: replay, gemini: replay },
        ...extra,
      }),
    );
  };
  const ok = (...args: string[]) => {
    const run = runCli(ws, args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run.stdout;
  };

  before(() => {
    ws = makeWorkspace({});
    settings();
    for (const [capture, agent] of [
      ['claude-text', 'claude'],
      ['claude-bash-default', 'claude'],
      ['codex-text', 'codex'],
      ['gemini-text', 'gemini'],
    ])
      ok('delegate', `replay:${capture}`, '--agent', agent!);
    ok('delegate', 'echo done', '--agent', 'shell');
    ok('worker', '--idle-exit', '1');
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it("prints today's tasks, tokens and cost per agent, most costly first, and the total", () => {
    const lines = ok('usage').trimEnd().split('\n');
    assert.match(lines[0]!, /^usage today \(since \d{4}-\d\d-\d\d 00:00\)$/);
    assert.deepEqual(lines.slice(1), [
      'agent   tasks  tokens in  tokens out     cost',
      'claude      2        360          51  $0.0025',
      'codex       1        200          20        -',
      'gemini      1        600          24        -',
      'shell       1          0           0        -',
      'total       5      1,160          95  $0.0025',
    ]);
    assert.deepEqual(ok('usage', '--since', '7d').split('\n').slice(1), ok('usage').split('\n').slice(1));
    assert.match(ok('usage', '--since', '7d').split('\n')[0]!, /^usage the last 7 days \(since /);
  });

  it('prints the same as JSON for scripts', () => {
    const report = JSON.parse(ok('usage', '--since', '1d', '--json'));
    assert.equal(report.window, 'the last day');
    assert.ok(Date.now() - Date.parse(report.since) >= 86_400_000);
    assert.equal(report.budget, null);
    assert.deepEqual(
      report.agents.map((a: Record<string, unknown>) => [
        a.agent,
        a.tasks,
        a.inputTokens,
        a.outputTokens,
        a.cachedInputTokens,
        a.costedTasks,
      ]),
      [
        ['claude', 2, 360, 51, 0, 2],
        ['codex', 1, 200, 20, 50, 0],
        ['gemini', 1, 600, 24, 0, 0],
        ['shell', 1, 0, 0, 0, 0],
      ],
    );
    assert.equal(report.agents[0].costUsd.toFixed(5), '0.00246');
    assert.deepEqual(
      report.agents.slice(1).map((a: Record<string, unknown>) => a.costUsd),
      [null, null, null],
    );
    assert.deepEqual(
      { ...report.total, costUsd: report.total.costUsd.toFixed(5) },
      {
        agent: 'total',
        tasks: 5,
        inputTokens: 1160,
        outputTokens: 95,
        cachedInputTokens: 50,
        costUsd: '0.00246',
        costedTasks: 2,
      },
    );
  });

  it('refuses a bad --since with one line and exit 2', () => {
    for (const bad of ['week', '0d', '-3d']) {
      const run = runCli(ws, ['usage', `--since=${bad}`]);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        `dispatch: bad --since "${bad}": use today, or hours or days such as 12h, 1d, 7d or 30d (at most 3650d)\n`,
      );
    }
  });

  it('with a daily budget reached: says so, and list and show say why a queued task waits', () => {
    settings({ 'dispatch.budget.dailyUsd': 0.002 });
    try {
      const why = 'daily budget $0.0020 reached ($0.0025 today)';
      assert.equal(
        ok('usage').trimEnd().split('\n').at(-1),
        `${why}: queued tasks wait until midnight or a higher budget`,
      );
      assert.deepEqual(JSON.parse(ok('usage', '--json')).budget, {
        dailyUsd: 0.002,
        todayUsd: 0.00246,
        reached: true,
      });
      const id = ok('delegate', 'echo later', '--agent', 'shell').trim();
      assert.match(
        ok('list', '--state', 'queued'),
        new RegExp(`^${id} .*echo later {2}\\(waiting: ${literal(why)}\\)$`, 'm'),
      );
      assert.match(ok('show', id), new RegExp(`^waiting {5}${literal(why)}$`, 'm'));

      settings({ 'dispatch.budget.dailyUsd': 5 });
      assert.equal(ok('usage').trimEnd().split('\n').at(-1), 'daily budget $5.00: $0.0025 reported today');
      assert.doesNotMatch(ok('list', '--state', 'queued'), /waiting/);
      ok('cancel', id);
    } finally {
      settings();
    }
  });

  it('says so when no task ended in the window', () => {
    const empty = makeWorkspace({});
    try {
      const run = runCli(empty, ['usage']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^usage today \(since .*\)\nno task ended today\n$/);
      assert.deepEqual(JSON.parse(runCli(empty, ['usage', '--json']).stdout).agents, []);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

const literal = (text: string) => text.replace(/[$.*+?()[\]{}|\\^]/g, '\\$&');
