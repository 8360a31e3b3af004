import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/** `dispatch schedule …` as a user runs it: a real process per command, one shared workspace. */
describe('cli: dispatch schedule', function () {
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
  const json = (...args: string[]) => {
    const run = cli(...args, '--json');
    assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };

  function badInput(args: string[], message: RegExp) {
    const run = cli('schedule', ...args);
    assert.equal(run.status, 2, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line on stderr: ${run.stderr}`);
    assert.match(lines[0]!, message);
  }

  it('refuses bad input with exit 2 and one clear line, and stores nothing', () => {
    badInput(
      ['create', 'x', '--cron', '61 * * * *'],
      /^dispatch: invalid cron expression "61 \* \* \* \*": .*minute/,
    );
    badInput(['create', 'x', '--cron', '* * * * * *'], /has 6 fields; use 5 fields/);
    badInput(
      ['create', 'x', '--cron', '0 9 * * *', '--tz', 'Mars/Olympus'],
      /unknown time zone "Mars\/Olympus"/,
    );
    badInput(['create', 'x', '--at', '2020-01-01T00:00:00Z'], /is in the past .*give a future time/);
    badInput(['create', 'x', '--at', 'soon'], /"soon" is not an ISO date-time/);
    badInput(['create', 'x', '--cron', '0 9 * * *', '--at', '2099-01-01T00:00Z'], /not both/);
    badInput(['create', 'x'], /give a cron expression \(--cron\)/);
    badInput(
      ['create', 'x', '--cron', '0 9 * * *', '--missed', 'later'],
      /bad missed-run policy "later": use skip, catchup or fail/,
    );
    badInput(
      ['create', 'x', '--cron', '0 9 * * *', '--max-runs', '1.5'],
      /--max-runs must be a whole number/,
    );
    badInput(['create', 'x', '--cron', '0 9 * * *', '--agent', 'nope'], /unknown agent "nope"/);
    badInput(['create', 'x', '--cron', '0 9 * * *', '--colour'], /--colour.*dispatch schedule create --help/);
    badInput(['create'], /missing <prompt>; usage: dispatch schedule create/);
    badInput([], /dispatch schedule needs a subcommand: create, list, show, pause, resume, cancel/);
    badInput(['frob'], /unknown subcommand "frob" of dispatch schedule/);
    badInput(['show', 'zzzzzzzzzzzz'], /No schedule id starts with "zzzzzzzzzzzz"/);
    assert.deepEqual(json('schedule', 'list'), []);
  });

  it('accepts seconds only with DISPATCH_CRON_SECONDS=1 (tests and development)', () => {
    const run = runCli(ws, ['schedule', 'create', 'x', '--cron', '*/10 * * * * *'], {
      DISPATCH_CRON_SECONDS: '1',
    });
    assert.equal(run.status, 0, run.stderr);
  });

  it('creates, lists, shows, pauses, resumes and cancels, with --json everywhere', () => {
    const created = cli(
      'schedule',
      'create',
      'Nightly triage',
      '--cron',
      '0 3 * * *',
      '--tz',
      'Europe/Berlin',
    );
    assert.equal(created.status, 0, created.stderr);
    const id = created.stdout.trim();
    assert.match(id, /^[0-9a-z]{12}$/);

    const once = json(
      'schedule',
      'create',
      'Release notes',
      '--at',
      '2099-01-01T09:00:00Z',
      '--missed',
      'catchup',
      '--max-runs',
      '1',
      '--expires',
      '2099-02-01T00:00:00Z',
      '--priority',
      'P0',
      '--title',
      'Notes',
    );
    assert.deepEqual(
      [once.at, once.cron, once.missed, once.maxRuns, once.expiresAt, once.priority, once.title, once.status],
      ['2099-01-01T09:00:00.000Z', null, 'catchup', 1, '2099-02-01T00:00:00.000Z', 'P0', 'Notes', 'active'],
    );

    const listed = json('schedule', 'list') as { id: string }[];
    assert.deepEqual(
      listed.map((s) => s.id),
      [once.id, id],
    );
    assert.match(
      cli('schedule', 'list').stdout,
      new RegExp(`${id}  ACTIVE .*cron "0 3 \\* \\* \\*" Europe/Berlin`),
    );

    const shown = json('schedule', 'show', id.slice(0, 6));
    assert.deepEqual(
      [shown.id, shown.cron, shown.timezone, shown.missed, shown.runs],
      [id, '0 3 * * *', 'Europe/Berlin', 'skip', []],
    );
    const text = cli('schedule', 'show', id).stdout;
    assert.match(text, /upcoming\s+\d{4}-\d\d-\d\dT0[12]:00:00.000Z, /, 'the next three 03:00 Berlin times');
    assert.match(text, /no runs yet/);

    assert.equal(json('schedule', 'pause', id).status, 'paused');
    assert.match(cli('schedule', 'resume', id).stdout, new RegExp(`^${id} active`));
    assert.match(
      cli('schedule', 'cancel', id).stdout,
      new RegExp(`^${id} cancelled \\(cancelled by user\\)`),
    );
    const resumed = cli('schedule', 'resume', id);
    assert.equal(resumed.status, 1);
    assert.match(resumed.stderr, /is cancelled; it cannot become active/);
  });

  it('prints usage for the command and each subcommand', () => {
    const help = cli('schedule', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /dispatch schedule create <prompt> \(--cron EXPR \[--tz ZONE\] \| --at ISO\)/);
    assert.match(help.stdout, /dispatch schedule cancel <id>/);
    assert.match(cli('schedule', 'show', '--help').stdout, /^usage: dispatch schedule show <id> \[--json\]/);
    assert.match(cli('--help').stdout, /schedule\s+run a task on a cron schedule/);
  });
});
