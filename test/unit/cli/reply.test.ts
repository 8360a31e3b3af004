import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeAgent, makeWorkspace, runCli } from '../../support/cli';

interface Started {
  task: string;
  argv: string[];
  env: { IS_SANDBOX: string | null };
}

/**
 * Autonomy, model and `dispatch reply` as a user runs them, with the built-in agents' command
 * lines: each is replaced only by replay-agent.js, which prints what the real CLI printed
 * (test/fixtures/agents/captured) and records the arguments it was started with.
 */
describe('cli: autonomy, model and reply', function () {
  this.timeout(90_000);
  let ws: string;
  let argvFile: string;

  const settings = (extra: Record<string, unknown> = {}) => {
    const replay = { command: fakeAgent('replay-agent.js'), env: { ARGV_FILE: argvFile } };
    return {
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': {
        claude: replay,
        codex: replay,
        gemini: replay,
        echo: { command: process.execPath, args: [fakeAgent('echo-prompt.js'), '${prompt}'] },
      },
      ...extra,
    };
  };

  beforeEach(() => {
    argvFile = path.join(mkdtempSync(path.join(tmpdir(), 'dispatch-argv-')), 'argv.jsonl');
    ws = makeWorkspace(settings());
  });
  afterEach(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(path.dirname(argvFile), { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(ws, args);
  const ok = (...args: string[]) => {
    const run = cli(...args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run;
  };
  const id = (...args: string[]) => ok(...args).stdout.trim();
  const show = (taskId: string) => JSON.parse(ok('show', taskId, '--json').stdout);
  const runQueue = () => ok('worker', '--idle-exit', '1');
  const started = (taskId: string): Started => {
    const lines = readFileSync(argvFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Started);
    const found = lines.find((l) => l.task === taskId);
    assert.ok(found, `task ${taskId} started the agent`);
    return found;
  };
  const badInput = (args: string[], message: string | RegExp) => {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line on stderr: ${run.stderr}`);
    if (typeof message === 'string') assert.equal(run.stderr.trim(), `dispatch: ${message}`);
    else assert.match(run.stderr, message);
  };

  const SESSIONS = {
    claude: {
      first: 'claude-resume-first',
      second: 'claude-resume',
      id: '84fe2d30-7e97-4d0b-849b-2b605ce876b4',
    },
    codex: {
      first: 'codex-resume-first',
      second: 'codex-resume-c',
      id: '01a24d21-4209-7131-8382-67584e0a184f',
    },
    gemini: {
      first: 'gemini-resume-first',
      second: 'gemini-resume',
      id: '1dcec1c2-e6c1-4060-9394-cee595e4d082',
    },
  };

  for (const [agent, session] of Object.entries(SESSIONS)) {
    it(`${agent}: passes autonomy and model, and a reply resumes the agent's own session`, () => {
      const first = id(
        'delegate',
        `replay:${session.first}`,
        '--agent',
        agent,
        '--autonomy',
        'read-only',
        '--model',
        'm-1',
      );
      assert.deepEqual([show(first).autonomy, show(first).model], ['read-only', 'm-1']);
      runQueue();
      assert.equal(show(first).state, 'completed');
      const firstArgv = started(first).argv;
      const flag = { claude: '--permission-mode', codex: '--sandbox', gemini: '--approval-mode' }[agent]!;
      const value = { claude: 'plan', codex: 'read-only', gemini: 'plan' }[agent];
      assert.equal(firstArgv[firstArgv.indexOf(flag) + 1], value, `${flag} in ${firstArgv.join(' ')}`);
      assert.equal(firstArgv[firstArgv.indexOf(agent === 'claude' ? '--model' : '-m') + 1], 'm-1');

      const reply = id('reply', first.slice(0, 6), `replay:${session.second}`);
      const shown = show(reply);
      assert.deepEqual(
        [shown.replyTo, shown.agent, shown.autonomy, shown.model, shown.prompt],
        [first, agent, 'read-only', 'm-1', `replay:${session.second}`],
      );
      assert.deepEqual(show(first).repliedAs, [reply]);
      assert.match(ok('show', reply).stdout, new RegExp(`reply to +${first}`));
      assert.match(ok('show', first).stdout, new RegExp(`replies +${reply} \\(queued\\)`));
      runQueue();
      assert.equal(show(reply).state, 'completed');
      const argv = started(reply).argv;
      if (agent === 'codex') {
        // Options before `resume`, which takes the thread id and the message.
        assert.deepEqual(argv.slice(-3), ['resume', session.id, `replay:${session.second}`]);
        assert.ok(argv.indexOf('--sandbox') < argv.indexOf('resume'));
      } else {
        assert.equal(argv[argv.indexOf('--resume') + 1], session.id);
        assert.equal(
          argv[argv.indexOf('-p') + 1],
          `replay:${session.second}`,
          'the message alone, no context',
        );
      }
      assert.match(
        ok('logs', reply).stdout,
        new RegExp(`continuing ${agent} session ${session.id} of task ${first}`),
      );
    });
  }

  it('full autonomy by default setting, overridden per reply', () => {
    const file = path.join(ws, '.vscode', 'settings.json');
    writeFileSync(file, JSON.stringify(settings({ 'dispatch.autonomy': 'full' })));
    const first = id('delegate', 'replay:claude-text', '--agent', 'claude');
    assert.equal(show(first).autonomy, 'full');
    runQueue();
    const reply = id('reply', first, 'replay:claude-text', '--autonomy', 'edit');
    assert.equal(show(reply).autonomy, 'edit');
    runQueue();
    const argv = (taskId: string) => started(taskId).argv;
    assert.equal(argv(first)[argv(first).indexOf('--permission-mode') + 1], 'bypassPermissions');
    assert.equal(argv(reply)[argv(reply).indexOf('--permission-mode') + 1], 'acceptEdits');
    assert.match(ok('list').stdout, new RegExp(`${first} .* claude +full `));
    const retried = id('retry', reply, '--autonomy', 'read-only');
    assert.deepEqual(
      [show(retried).autonomy, show(retried).replyTo, show(retried).retryOf],
      ['read-only', first, reply],
    );
  });

  it('a reply to an agent without a session starts with the earlier task as context', () => {
    const first = id('delegate', 'say:hello', '--agent', 'echo');
    runQueue();
    const reply = id('reply', first, 'say:again');
    runQueue();
    const log = ok('logs', reply).stdout;
    assert.match(log, /left no echo session to continue: this reply starts with its context/);
    assert.match(
      log,
      new RegExp(
        `\\[Context from earlier task ${first}[\\s\\S]*said hello[\\s\\S]*\\[Your task\\]\\s+say:again`,
      ),
    );
  });

  it('refuses a reply to an unknown or unfinished task, or without a message, and stores nothing', () => {
    const queued = id('delegate', 'say:x', '--agent', 'echo');
    badInput(
      ['reply', queued, 'more'],
      `task ${queued} is still queued: reply once it has ended (dispatch wait ${queued})`,
    );
    badInput(['reply', 'zzzzzzzzzzzz', 'more'], /No task id starts with "zzzzzzzzzzzz"/);
    badInput(['reply', queued], /missing <message>/);
    badInput(['delegate', 'x', '--autonomy', 'yolo'], 'bad autonomy "yolo": use read-only, edit or full');
    badInput(['delegate', 'x', '--agent', 'echo', '--model', 'big'], /agent echo takes no model/);
    assert.deepEqual(
      JSON.parse(ok('list', '--json').stdout).map((t: { id: string }) => t.id),
      [queued],
    );
  });
});
