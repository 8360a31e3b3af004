import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/** The `dispatch` CLI as a user runs it: a real process per command, one shared workspace. */
describe('cli: dispatch', function () {
  this.timeout(60_000);
  let ws: string;
  const settings = {
    'dispatch.outputFlushIntervalMs': 100,
    'dispatch.defaultAgent': 'fake',
    'dispatch.agents': {
      fake: { command: process.execPath, args: [fakeAgent('fake-agent.js'), '${prompt}'] },
    },
  };

  beforeEach(() => {
    ws = makeWorkspace(settings);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(ws, args);
  const listJson = () => JSON.parse(cli('list', '--json').stdout) as { id: string; state: string }[];

  function badInput(args: string[], message: RegExp) {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line on stderr: ${run.stderr}`);
    assert.match(lines[0]!, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }

  it('refuses bad input with exit 2, one clear line, and stores nothing', () => {
    badInput(['delegate', ''], /^dispatch: the prompt is empty/);
    badInput(['delegate', 'x', '--agent', 'nope'], /unknown agent "nope"; known agents:/);
    badInput(['delegate', 'x', '--priority', 'urgent'], /bad priority "urgent"/);
    badInput(['delegate', 'x', '--cwd', 'missing-dir'], /working folder .*missing-dir does not exist/);
    badInput(['delegate', 'x', '--timeout', 'soon'], /--timeout must be a positive number/);
    badInput(['frobnicate'], /unknown command "frobnicate"/);
    badInput(['show', 'zzzzzzzzzzzz'], /no task/i);
    badInput(['list', '--state', 'done'], /bad state "done"/);
    assert.deepEqual(listJson(), []);
  });

  it('refuses a malformed settings file, naming the file and the line', () => {
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), '{ "dispatch.maxWorkers": 2,, }');
    badInput(['list'], /settings\.json:1:\d+: .*fix the settings file/);
  });

  it('queues, shows by prefix, lists by state and cancels', () => {
    const run = cli('delegate', 'out:1', '--priority', 'P0', '--title', 'Say one line');
    assert.equal(run.status, 0, run.stderr);
    const id = run.stdout.trim();
    assert.match(id, /^[0-9a-z]{12}$/);

    const shown = JSON.parse(cli('show', id.slice(0, 5), '--json').stdout);
    for (const field of [
      'id',
      'title',
      'prompt',
      'agent',
      'priority',
      'state',
      'createdAt',
      'startedAt',
      'endedAt',
      'exitCode',
      'signal',
      'reason',
    ]) {
      assert.ok(field in shown, `show --json has ${field}`);
    }
    assert.deepEqual(
      [shown.id, shown.title, shown.agent, shown.priority, shown.state],
      [id, 'Say one line', 'fake', 'P0', 'queued'],
    );
    assert.deepEqual(
      (JSON.parse(cli('list', '--state', 'queued', '--json').stdout) as { id: string }[]).map((t) => t.id),
      [id],
    );
    assert.match(cli('cancel', id).stdout, new RegExp(`${id} cancelled`));
    assert.equal(listJson()[0]!.state, 'cancelled');
    const waited = cli('wait', id);
    assert.equal(waited.status, 1, 'wait exits 1 for a cancelled task');
  });

  it('says which tasks an ambiguous prefix matches', function () {
    // 40 CLI processes one after another: generous on a loaded 2-core machine (not a bound under test).
    this.timeout(240_000);
    for (let i = 0; i < 40; i++) cli('delegate', `task ${i}`);
    // 40 ids over a 32-letter alphabet: some first letter is shared.
    const first = listJson().map((t) => t.id[0]!);
    const shared = first.find((c, i) => first.indexOf(c) !== i)!;
    // The count is named up to 5 matches; above that the message says "more than 5".
    badInput(['show', shared], new RegExp(`"${shared}" matches (more than )?\\d+ tasks: ${shared}`));
  });

  it('wait times out with exit 124 while a task is queued', () => {
    const id = cli('delegate', 'out:1').stdout.trim();
    const run = cli('wait', id, '--timeout', '0.5');
    assert.equal(run.status, 124);
  });

  it('worker runs the queue and exits when idle; logs and wait see the result', () => {
    const ok = cli('delegate', 'out:3 err:1').stdout.trim();
    const bad = cli('delegate', 'out:1 exit:5').stdout.trim();
    const worker = cli('worker', '--max-workers', '2', '--idle-exit', '1');
    assert.equal(worker.status, 0, worker.stderr);

    const okLog = cli('logs', ok);
    assert.equal(okLog.status, 0);
    assert.match(okLog.stdout, /out 1[\s\S]*out 3/);
    assert.match(okLog.stdout, /err 1/);
    assert.match(cli('logs', ok, '--tail', '1').stdout.trim(), /^(?![\s\S]*out 1)[\s\S]+$/);
    assert.equal(cli('wait', ok).status, 0);

    const badWait = cli('wait', bad);
    assert.equal(badWait.status, 1);
    assert.match(badWait.stdout, /failed: exit code 5/);
    assert.equal(JSON.parse(cli('show', bad, '--json').stdout).exitCode, 5);
  });

  it('recover reports when there is nothing to do', () => {
    const run = cli('recover');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /nothing to recover/);
  });

  it('prints usage with --help and exits 2 without a command', () => {
    const help = cli('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /delegate .*queue a task/);
    assert.equal(cli().status, 2);
    assert.match(cli('delegate', '--help').stdout, /usage: dispatch delegate <prompt>/);
  });
});
