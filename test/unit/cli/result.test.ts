import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli, waitFor } from '../../support/cli';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/**
 * What the agent reported, as `show` and `list` print it: built-in agents replaced only by
 * replay-agent.js, which prints what the real CLIs printed (test/fixtures/agents/captured).
 */
describe('cli: the agent result in show and list', function () {
  this.timeout(90_000);
  let ws: string;
  const workers = new ProcessGroup();

  beforeEach(() => {
    const replay = { command: fakeAgent('replay-agent.js') };
    ws = makeWorkspace({
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': {
        claude: replay,
        codex: replay,
        gemini: replay,
      },
    });
  });
  afterEach(async () => {
    await workers.stopAll();
    rmSync(ws, { recursive: true, force: true });
  });

  const ok = (...args: string[]) => {
    const run = runCli(ws, args);
    assert.equal(run.status, 0, `${args.join(' ')} → ${run.status}: ${run.stderr}`);
    return run.stdout;
  };
  const show = (id: string) => JSON.parse(ok('show', id, '--json'));

  it('claude: summary, session, model, usage, cost, turns and the refused action', () => {
    const id = ok('delegate', 'replay:claude-bash-default', '--agent', 'claude').trim();
    ok('worker', '--idle-exit', '1');
    const shown = show(id);
    assert.equal(shown.state, 'completed', 'a refusal still ends as the agent said');
    assert.deepEqual(shown.result, {
      summary: 'Done. (mock saw 4 messages)',
      sessionId: 'eb08bda3-7d48-400a-9003-2fb247a48124',
      model: 'claude-opus-5-5',
      usage: { inputTokens: 240, outputTokens: 34, cachedInputTokens: 0 },
      costUsd: 0.00164,
      turns: 2,
      durationMs: 364,
      denials: [{ tool: 'Bash', detail: 'touch x.txt' }],
    });
    assert.deepEqual(
      [shown.sessionId, shown.inputTokens, shown.outputTokens, shown.costUsd, shown.turns, shown.denialCount],
      ['eb08bda3-7d48-400a-9003-2fb247a48124', 240, 34, 0.00164, 2, 1],
    );
    const text = ok('show', id);
    assert.match(text, /refused +1 action refused: Bash `touch x\.txt`/);
    assert.match(text, /usage +240 tokens in, 34 out · \$0\.0016 · 2 turns/);
    assert.match(text, /summary:\n {2}Done\. \(mock saw 4 messages\)/);
    assert.match(ok('list'), new RegExp(`${id} .*replay:claude-bash-default {2}\\[1 refused\\]`));
  });

  it('codex and gemini: their refusals and tokens, no cost', () => {
    const codex = ok('delegate', 'replay:codex-retry-500', '--agent', 'codex').trim();
    const gemini = ok('delegate', 'replay:gemini-bash-plan', '--agent', 'gemini').trim();
    ok('worker', '--idle-exit', '1');
    assert.deepEqual(show(codex).result.denials, [{ tool: 'shell', detail: 'touch x.txt' }]);
    assert.deepEqual(show(codex).result.usage, {
      inputTokens: 400,
      outputTokens: 40,
      cachedInputTokens: 100,
    });
    assert.equal(show(codex).result.costUsd, null);
    assert.deepEqual(show(gemini).result.denials, [{ tool: 'run_shell_command', detail: 'touch x.txt' }]);
    assert.equal(show(gemini).result.summary, 'Done. (mock saw 3 contents)');
  });

  it('a failed run: the reason is the agent error; a queued task has no result', () => {
    const failed = ok('delegate', 'replay:claude-r401-retries2:1', '--agent', 'claude').trim();
    const queued = ok('delegate', 'x', '--agent', 'claude', '--after', failed).trim();
    assert.equal(show(queued).result, null);
    ok('worker', '--idle-exit', '1');
    assert.equal(show(failed).state, 'failed');
    assert.equal(show(failed).reason, 'Invalid API key · Fix external API key');
  });

  it('says a running task is retrying, and stops once it has ended', async () => {
    const gate = path.join(mkdtempSync(path.join(tmpdir(), 'dispatch-gate-')), 'go');
    const retry = JSON.stringify({
      type: 'system',
      subtype: 'api_retry',
      attempt: 3,
      max_retries: 10,
      error_status: 401,
      error: 'authentication_failed',
    });
    // fake-agent.js speaking Claude's format, to pause mid-run.
    writeFileSync(
      path.join(ws, '.vscode', 'settings.json'),
      JSON.stringify({
        'dispatch.outputFlushIntervalMs': 100,
        'dispatch.agents': {
          claude: { command: process.execPath, args: [fakeAgent('fake-agent.js'), '${prompt}'] },
        },
      }),
    );
    const id = ok('delegate', `text:${b64(`${retry}\n`)} gate:${gate}`, '--agent', 'claude').trim();
    workers.startWorker(ws);
    const line = await waitFor('the retry in list', () =>
      ok('list')
        .split('\n')
        .find((l) => l.startsWith(id) && l.includes('retrying')),
    );
    assert.match(line, /RUNNING .*\[retrying \(3\/10\): 401 authentication_failed\]$/);
    assert.match(ok('show', id), /agent +retrying \(3\/10\): 401 authentication_failed/);
    assert.equal(show(id).retrying.attempt, 3);
    writeFileSync(gate, '');
    await waitFor('the task to end', () => show(id).state !== 'running');
    assert.doesNotMatch(ok('list'), /retrying/);
    rmSync(path.dirname(gate), { recursive: true, force: true });
  });
});
