import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeWorkspace, runCli } from '../../support/cli';

/**
 * `dispatch delegate` for an agent not on the PATH it sees: the task is stored (a window or
 * worker with another PATH may run it), exit 0, and one warning line with the install command.
 */
describe('cli: an agent that cannot run here', function () {
  this.timeout(60_000);
  let ws: string;
  let emptyBin: string;
  beforeEach(() => {
    // The default agent, `claude`, with a PATH that has no `claude` on it whatever the machine has.
    ws = makeWorkspace({});
    emptyBin = mkdtempSync(path.join(tmpdir(), 'dispatch-empty-path-'));
  });
  afterEach(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(emptyBin, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(ws, args, { PATH: emptyBin });
  const WARNING =
    'dispatch: warning: claude is not installed (not found on PATH): install it with ' +
    'npm install -g @anthropic-ai/claude-code; queued anyway, for a window or worker whose PATH has it\n';

  it('delegate stores the task, exits 0 and warns in one stderr line with the install command', () => {
    const run = cli('delegate', 'make the tests pass');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, WARNING);
    const id = run.stdout.trim();
    const listed = JSON.parse(cli('list', '--json').stdout) as { id: string; agent: string; state: string }[];
    assert.deepEqual(
      listed.map((t) => [t.id, t.agent, t.state]),
      [[id, 'claude', 'queued']],
    );
  });

  it('retry, pipeline and schedule create warn the same way', () => {
    const first = cli('delegate', 'make the tests pass').stdout.trim();
    assert.equal(cli('cancel', first).status, 0);
    for (const args of [
      ['retry', first],
      ['pipeline', 'lint it', 'then test it'],
      ['schedule', 'create', 'nightly check', '--cron', '0 3 * * *'],
    ]) {
      const run = cli(...args);
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr, WARNING, args.join(' '));
    }
  });

  it('still refuses an unknown agent with exit 2', () => {
    const run = cli('delegate', 'x', '--agent', 'nope');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown agent "nope"/);
  });
});
