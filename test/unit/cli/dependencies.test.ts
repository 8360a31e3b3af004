import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/** `--after`, `--continue-from`, retry, resume and pipeline as a user runs them (no worker runs). */
describe('cli: dependencies, retry, resume and pipelines', function () {
  this.timeout(60_000);
  let ws: string;

  beforeEach(() => {
    ws = makeWorkspace({
      'dispatch.defaultAgent': 'fake',
      'dispatch.agents': {
        fake: { command: process.execPath, args: [fakeAgent('fake-agent.js'), '${prompt}'] },
      },
    });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(ws, args);
  const ok = (...args: string[]) => {
    const run = cli(...args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run;
  };
  const id = (...args: string[]) => ok(...args).stdout.trim();
  const show = (taskId: string) => JSON.parse(ok('show', taskId, '--json').stdout);
  const badInput = (args: string[], message: RegExp) => {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line on stderr: ${run.stderr}`);
    assert.match(run.stderr, message);
  };

  it('refuses unknown or malformed dependencies with exit 2 and stores nothing', () => {
    badInput(
      ['delegate', 'x', '--after', 'zzzzzzzzzzzz'],
      /dependency "zzzzzzzzzzzz": No task id starts with/,
    );
    badInput(['delegate', 'x', '--after', 'a,not-an-id'], /after: "not-an-id" is not a task id/);
    badInput(['delegate', 'x', '--continue-from', 'zzzz'], /dependency "zzzz"/);
    assert.deepEqual(JSON.parse(ok('list', '--json').stdout), []);
  });

  it('blocks a task behind others, lists and shows what it waits for, cancels it with them', () => {
    const a = id('delegate', 'out:1', '--title', 'A');
    const b = id('delegate', 'out:1', '--title', 'B');
    const c = id('delegate', 'out:1', '--after', `${a.slice(0, 6)},${b}`, '--title', 'C');
    assert.equal(show(c).state, 'blocked');
    assert.match(ok('list', '--state', 'blocked').stdout, new RegExp(`${c} .*C  \\(waits for ${a}, ${b}\\)`));
    assert.deepEqual(
      JSON.parse(ok('list', '--state', 'blocked', '--json').stdout).map(
        (t: { waitingFor: string[] }) => t.waitingFor,
      ),
      [[a, b]],
    );
    assert.match(ok('show', c).stdout, new RegExp(`waits for +${a} \\(queued\\), ${b} \\(queued\\)`));
    assert.deepEqual(show(a).dependents, [c]);

    ok('cancel', a);
    const cancelled = show(c);
    assert.deepEqual([cancelled.state, cancelled.reason], ['cancelled', `dependency ${a} was cancelled`]);
    const late = cli('delegate', 'out:1', '--after', a);
    assert.equal(late.status, 0);
    assert.match(late.stderr, /was cancelled at once: dependency \w+ was cancelled/);
  });

  it('continue-from waits for the earlier task and records the link', () => {
    const a = id('delegate', 'out:1');
    const b = JSON.parse(ok('delegate', 'out:2', '--continue-from', a, '--json').stdout);
    assert.deepEqual([b.state, b.continueFrom], ['blocked', a]);
    assert.match(ok('show', b.id).stdout, new RegExp(`continues +${a}`));
  });

  it('retries and resumes finished tasks only, showing the links on both sides', () => {
    const a = id('delegate', 'out:1', '--priority', 'P2', '--timeout', '30');
    badInput(['retry', a], /is queued; only a finished task can be retried/);
    ok('cancel', a);
    const retry = JSON.parse(ok('retry', a, '--json').stdout);
    assert.deepEqual(
      [retry.retryOf, retry.priority, retry.timeoutMs, retry.prompt],
      [a, 'P2', 30_000, 'out:1'],
    );
    assert.match(ok('show', a).stdout, new RegExp(`retried as +${retry.id} \\(queued\\)`));
    assert.match(ok('show', retry.id).stdout, new RegExp(`retry of +${a}`));

    const resumed = JSON.parse(ok('resume', a, '--context', 'also do this', '--json').stdout);
    assert.deepEqual([resumed.resumeOf, resumed.prompt, resumed.state], [a, 'also do this', 'queued']);
    assert.deepEqual(show(a).resumedAs, [resumed.id]);
    badInput(['resume', 'zzzzzzzzzzzz'], /No task id starts with/);
  });

  it('queues a pipeline as a chain in one go, or nothing at all', () => {
    badInput(['pipeline', 'only one'], /missing <step>/);
    badInput(['pipeline', 'a', 'b', '--agent', 'nope'], /^dispatch: step 1: unknown agent "nope"/);
    assert.deepEqual(JSON.parse(ok('list', '--json').stdout), []);

    const steps = JSON.parse(
      ok('pipeline', 'out:1', 'out:2', 'out:3', '--continue', '--priority', 'P0', '--json').stdout,
    );
    assert.deepEqual(
      steps.map((t: { state: string; priority: string }) => [t.state, t.priority]),
      [
        ['queued', 'P0'],
        ['blocked', 'P0'],
        ['blocked', 'P0'],
      ],
    );
    assert.deepEqual(show(steps[2].id).dependsOn, [steps[1].id]);
    assert.equal(show(steps[2].id).continueFrom, steps[1].id);
    const plain = ok('pipeline', 'out:1', 'out:2').stdout.trim().split('\n');
    assert.equal(plain.length, 2);
    assert.equal(show(plain[1]!).continueFrom, null, 'no context without --continue');
  });

  it('makes a queued task wait for others with depend, and refuses a cycle with its path', () => {
    const a = id('delegate', 'out:1', '--title', 'A');
    const b = id('delegate', 'out:1', '--title', 'B', '--after', a);
    const c = id('delegate', 'out:1', '--title', 'C');
    const made = JSON.parse(ok('depend', c, '--after', `${a},${b.slice(0, 6)}`, '--json').stdout);
    assert.equal(made.state, 'blocked');
    assert.deepEqual(show(c).dependsOn, [a, b]);
    badInput(['depend', a, '--after', c], new RegExp(`cycle.*${a} → ${c} → .*${a}`, 'i'));
    assert.deepEqual(show(a).dependsOn, [], 'nothing stored');
    badInput(['depend', a], /give the tasks it should wait for: --after/);
    ok('cancel', a);
    badInput(['depend', a, '--after', c], /only a queued or blocked task can be made to wait/);
  });
});
