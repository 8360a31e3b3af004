// Usage limits across processes (issue 16): fake agents print each built-in CLI's limit the way the
// real one does (limit-agent.js; docs/agents.md) and a custom agent's line is matched by its
// limitPattern, with resets a few seconds away. `dispatch worker`s run the tasks; a test engine
// that runs nothing watches the shared state, and the CLI shows it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { Task } from '../../../src/core/task';
import { Engine } from '../../../src/engine/engine';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli, waitFor } from '../../support/cli';

const SEC = 1000;
const RESET_S = 40;

describe('multiprocess: usage limits', function () {
  this.timeout(180_000);
  const group = new ProcessGroup();
  let workspace: string;
  let submitter: Engine | undefined;

  afterEach(async () => {
    await submitter?.dispose();
    submitter = undefined;
    await group.stopAll();
    rmSync(workspace, { recursive: true, force: true });
  });

  /** A workspace whose claude, codex, gemini and `custom` are limit-agent.js, and a `free` agent. */
  async function setUp(extra: Record<string, unknown> = {}) {
    workspace = makeWorkspace({});
    const record = path.join(workspace, 'runs.txt');
    const runsDir = path.join(workspace, 'runs');
    mkdirSync(runsDir);
    writeFileSync(record, '');
    const env = (cli?: string) => ({
      RECORD_FILE: record,
      RUNS_DIR: runsDir,
      ...(cli ? { FAKE_CLI: cli } : {}),
    });
    const agents = {
      claude: { command: fakeAgent('limit-agent.js'), env: env('claude') },
      codex: { command: fakeAgent('limit-agent.js'), env: env('codex') },
      gemini: { command: fakeAgent('limit-agent.js'), env: env('gemini') },
      custom: {
        command: process.execPath,
        args: [fakeAgent('limit-agent.js'), '${prompt}'],
        env: env(),
        limitPattern: 'RATE LIMITED until (?<reset>\\d+)',
      },
      free: { command: process.execPath, args: [fakeAgent('limit-agent.js'), '${prompt}'], env: env() },
    };
    const settings = { 'dispatch.outputFlushIntervalMs': 100, 'dispatch.agents': agents, ...extra };
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    const raw = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.replace(/^dispatch\./, ''), v]));
    const { config } = parseConfig({ ...raw, agents });
    submitter = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
    });
    const engine = submitter;
    const runs = () =>
      readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [what, task, at, session] = line.split(' ');
          return { what: what!, task: task!, at: Number(at), session: session! };
        });
    const state = (task: Task) => engine.resolve(task.id);
    return { engine, runs, state };
  }

  it("pauses each built-in's and a limitPattern agent's task at its limit; one of two engines resumes each, once", async () => {
    const { engine, runs, state } = await setUp();
    for (let i = 0; i < 2; i++) group.startWorker(workspace);
    const tasks: Task[] = [];
    // Resets far enough away that all four are paused at once even on a busy machine, where
    // admission may hold a start for up to 10 s.
    for (const agent of ['claude', 'codex', 'gemini', 'custom'])
      tasks.push(await engine.delegate({ prompt: `limit:${RESET_S}:1 work for ${agent}`, agent }));

    const paused = await waitFor(
      'every task to pause at its limit',
      () => {
        const now = tasks.map(state);
        return now.every((t) => t.state === 'paused') ? now : undefined;
      },
      60_000,
    );
    for (const task of paused) {
      assert.match(task.reason ?? '', /^usage-limit: /, `${task.agent}: ${task.reason}`);
      const limitAt = runs().find((r) => r.what === 'limit' && r.task === task.id)!.at;
      // Each CLI's reset, as it worded it, read back: RESET_S after the limit (Claude's and the
      // custom agent's are whole epoch seconds, Codex's and Gemini's relative to the run's end).
      const off = task.resumeAt! - (limitAt + RESET_S * SEC);
      // Not a 15-minute backoff, nor a clock time read on the wrong day.
      assert.ok(off > -1500 && off < 15 * SEC, `${task.agent} resumes ${off} ms off its reset`);
    }
    const list = runCli(workspace, ['list', '--state', 'paused']);
    assert.equal(list.status, 0, list.stderr);
    assert.equal(list.stdout.trim().split('\n').length, 4);
    assert.match(list.stdout, /PAUSED .*\(usage limit: resumes .*\d\d:\d\d\)/);
    const show = JSON.parse(runCli(workspace, ['show', tasks[0]!.id, '--json']).stdout);
    assert.equal(show.state, 'paused');
    assert.equal(show.resumeAt, new Date(paused[0]!.resumeAt!).toISOString());
    const agents = runCli(workspace, ['agents', '--json']);
    assert.equal(agents.status, 0, agents.stderr);
    const byName = new Map<string, { pausedUntil: string | null; paused: number }>(
      JSON.parse(agents.stdout).map((a: { name: string }) => [a.name, a]),
    );
    for (const name of ['claude', 'codex', 'gemini', 'custom']) {
      assert.ok(byName.get(name)?.pausedUntil, `${name} is paused: ${agents.stdout}`);
      assert.equal(byName.get(name)?.paused, 1);
    }
    assert.equal(byName.get('free')?.pausedUntil, null);

    await waitFor(
      'every task to complete after its reset',
      () => tasks.every((t) => state(t).state === 'completed'),
      60_000,
    );
    for (const task of tasks) {
      const mine = runs().filter((r) => r.task === task.id && r.what === 'start');
      assert.equal(mine.length, 2, `${task.agent} ran ${mine.length} times: ${JSON.stringify(mine)}`);
      const resumedAt = mine[1]!.at;
      assert.ok(resumedAt >= paused.find((p) => p.id === task.id)!.resumeAt!, `${task.agent} resumed early`);
      assert.equal(state(task).limitResumes, 1);
    }
    // A CLI with sessions continues its own; the custom agent (no resumeArgs) runs again with its context.
    const second = (agent: string) =>
      runs().filter((r) => r.task === tasks.find((t) => t.agent === agent)!.id && r.what === 'start')[1]!;
    assert.equal(second('claude').session, `session-${tasks[0]!.id}`);
    assert.equal(second('codex').session, `session-${tasks[1]!.id}`);
    assert.equal(second('gemini').session, `session-${tasks[2]!.id}`);
    assert.equal(second('custom').session, '-');
    const log = runCli(workspace, ['logs', tasks[3]!.id]).stdout;
    assert.match(log, /RATE LIMITED until \d+/, 'the first run stays in the log');
    assert.match(log, /done: \[Context from earlier task/, 'the second run got the first run as context');
  });

  it("holds the paused agent's queue while another agent's task runs", async () => {
    const { engine, runs, state } = await setUp();
    group.startWorker(workspace);
    // A reset far beyond this test's time: the pause cannot end by itself while it runs.
    const limited = await engine.delegate({ prompt: 'limit:3600:1 first', agent: 'claude' });
    await waitFor('the claude task to pause', () => state(limited).state === 'paused', 60_000);
    const queued = await engine.delegate({ prompt: 'second claude task', agent: 'claude' });
    const other = await engine.delegate({ prompt: 'another agent', agent: 'free' });
    await waitFor('the other agent’s task to complete', () => state(other).state === 'completed', 60_000);
    assert.equal(state(queued).state, 'queued');
    assert.deepEqual(
      engine.agents.pauses().map((p) => p.agent),
      ['claude'],
    );
    const list = runCli(workspace, ['list', '--state', 'queued']).stdout;
    assert.match(list, /\(waiting: claude paused at its usage limit until .*\d\d:\d\d\)/);

    const resumed = runCli(workspace, ['agents', 'resume', 'claude']);
    assert.equal(resumed.status, 0, resumed.stderr);
    await waitFor(
      'both claude tasks to complete',
      () => state(limited).state === 'completed' && state(queued).state === 'completed',
      60_000,
    );
    const starts = (task: Task) => runs().filter((r) => r.task === task.id && r.what === 'start');
    assert.equal(starts(limited).length, 2);
    assert.equal(starts(queued).length, 1);
  });

  it('with autoResume off, a paused task waits past its reset for Resume Agent Now', async () => {
    const { engine, runs, state } = await setUp({ 'dispatch.usageLimit.autoResume': false });
    group.startWorker(workspace);
    const task = await engine.delegate({ prompt: 'limit:2:1 wait for me', agent: 'gemini' });
    await waitFor('the task to pause', () => state(task).state === 'paused', 60_000);
    // The agent's pause ends at its reset (its queue may run again); the task still waits.
    await waitFor('gemini’s pause to end', () => engine.agents.pauses().length === 0, 60_000);
    const later = await engine.delegate({ prompt: 'after the reset', agent: 'gemini' });
    await waitFor('a later gemini task to run', () => state(later).state === 'completed', 60_000);
    assert.equal(state(task).state, 'paused');
    assert.match(runCli(workspace, ['list', '--state', 'paused']).stdout, /waits for Resume Now/);

    const resumed = runCli(workspace, ['agents', 'resume', 'gemini']);
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`resumed gemini; queued again: ${task.id}`));
    await waitFor('the task to complete', () => state(task).state === 'completed', 60_000);
    assert.equal(runs().filter((r) => r.task === task.id && r.what === 'start').length, 2);
    const again = runCli(workspace, ['agents', 'resume', 'gemini']);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /^dispatch: gemini is not paused at a usage limit/);
  });

  it('fails a task that hits the limit again after maxResumes resumes', async () => {
    const { engine, runs, state } = await setUp({ 'dispatch.usageLimit.maxResumes': 1 });
    group.startWorker(workspace);
    const task = await engine.delegate({ prompt: 'limit:1:5 never enough', agent: 'custom' });
    await waitFor('the task to fail', () => state(task).state === 'failed', 60_000);
    const ended = state(task);
    assert.match(
      ended.reason ?? '',
      /^usage-limit: RATE LIMITED until \d+ \(already resumed 1 time; dispatch\.usageLimit\.maxResumes is 1\)$/,
    );
    assert.equal(runs().filter((r) => r.task === task.id && r.what === 'start').length, 2);
    assert.ok(existsSync(path.join(workspace, '.vscode', 'dispatch', 'output', `${task.id}.exit`)));
  });
});
