import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/**
 * What a continuing task is told about an earlier one, as a user runs it: never a shell command
 * line made of old output, and for a structured agent words rather than its JSON events.
 */
describe('cli: context of resume and continue-from', function () {
  this.timeout(60_000);
  let ws: string;
  let argvFile: string;

  beforeEach(() => {
    ws = makeWorkspace({
      'dispatch.agents': {
        // Named like the built-in, so it keeps Claude's output format; replays a captured run.
        claude: { command: process.execPath, args: [fakeAgent('replay-capture.js'), '${prompt}', '5'] },
      },
    });
    argvFile = path.join(ws, 'argv.jsonl');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(ws, args, { RECORD_ARGV: argvFile });
  const ok = (...args: string[]) => {
    const run = cli(...args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run.stdout.trim();
  };
  const work = () => ok('worker', '--idle-exit', '1');

  it('refuses to resume a shell task with exit 2 and one line, and stores nothing', () => {
    const id = ok('delegate', 'echo hi', '--agent', 'shell');
    work();
    const run = cli('resume', id, '--context', 'more');
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      `dispatch: a shell task has no agent to continue: use \`dispatch retry ${id}\` to run the command again\n`,
    );
    assert.deepEqual(
      JSON.parse(ok('list', '--json')).map((t: { id: string }) => t.id),
      [id],
    );
  });

  it('hands a shell continuation the context as a file, never as commands', () => {
    // The earlier task prints a command; spliced into a command line it would run.
    const first = ok('delegate', "echo 'touch SHOULD_NOT_EXIST'", '--agent', 'shell');
    const next = ok('delegate', 'cat "$DISPATCH_CONTEXT_FILE"', '--agent', 'shell', '--continue-from', first);
    work();
    const shown = JSON.parse(ok('show', next, '--json'));
    assert.equal(shown.state, 'completed', JSON.stringify(shown));
    const printed = ok('logs', next, '--raw');
    assert.match(printed, new RegExp(`^\\[Context from earlier task ${first} `, 'm'));
    assert.match(printed, /^Its output:\n {4}touch SHOULD_NOT_EXIST$/m);
    assert.equal(existsSync(path.join(ws, 'SHOULD_NOT_EXIST')), false, 'nothing from the earlier output ran');
    assert.equal(shown.prompt, 'cat "$DISPATCH_CONTEXT_FILE"');
  });

  it('resumes a structured agent with its summary, commands and refusals, not its JSON', () => {
    const first = ok('delegate', 'claude-bash-default', '--agent', 'claude');
    work();
    ok('resume', first, '--context', 'claude-text');
    work();
    const runs = readFileSync(argvFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
    assert.equal(runs.length, 2);
    const prompt = runs[1]![0]!;
    assert.ok(prompt.includes("The agent's final message:\n    Done. (mock saw 4 messages)"), prompt);
    assert.ok(prompt.includes('Commands it ran:\n    $ touch x.txt'), prompt);
    assert.ok(prompt.includes('Actions it was refused:\n    Bash `touch x.txt`'), prompt);
    assert.ok(prompt.includes('Its transcript:\n    session eb08bda3-7d48-400a-9003-2fb247a48124'), prompt);
    assert.ok(prompt.endsWith('[Your task]\n\nclaude-text'), prompt);
    assert.ok(!prompt.includes('{"type"'), 'no raw JSON events');
  });
});
