import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { captureLines } from '../../support/captured';
import { cliScript, fakeAgent, makeWorkspace, runCli } from '../../support/cli';

/**
 * `dispatch logs` of structured agents: the real CLI, a worker running agents that replay the real
 * CLIs' captured output (test/fixtures/agents/replay-capture.js, the prompt names the capture).
 */
describe('cli: dispatch logs (transcripts)', function () {
  this.timeout(60_000);
  let ws: string;
  const replay = (delayMs: number) => ({
    command: process.execPath,
    args: [fakeAgent('replay-capture.js'), '${prompt}', String(delayMs)],
  });

  beforeEach(() => {
    ws = makeWorkspace({
      'dispatch.outputFlushIntervalMs': 100,
      // Named like the built-ins, so each keeps its built-in output format.
      'dispatch.agents': { claude: replay(5), codex: replay(5), gemini: replay(20) },
    });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(ws, args);
  function run(agent: string, prompt: string): string {
    const id = cli('delegate', prompt, '--agent', agent).stdout.trim();
    const worker = cli('worker', '--idle-exit', '1');
    assert.equal(worker.status, 0, worker.stderr);
    return id;
  }

  it('prints a Claude transcript, and the agent’s own lines with --raw', () => {
    const id = run('claude', 'claude-bash-default');
    const shown = cli('logs', id);
    assert.equal(shown.status, 0, shown.stderr);
    const lines = shown.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'session eb08bda3-7d48-400a-9003-2fb247a48124 · claude-opus-5-5',
      'I will create the file.',
      '$ touch x.txt',
      'refused: Bash `touch x.txt`',
    ]);
    assert.ok(
      lines.includes('done · 240 in · 34 out · $0.0016 · 2 turns · 0.4 s · claude-opus-5-5'),
      shown.stdout,
    );
    assert.match(
      lines.at(-2) ?? '',
      /^dispatch: the agent exited with code 0 after [\d.]+ s; it reported success$/,
    );
    assert.equal(lines.at(-1), '', 'ends on a newline');
    assert.doesNotMatch(shown.stdout, /\{"type"/);

    const raw = cli('logs', id, '--raw');
    assert.equal(raw.status, 0, raw.stderr);
    const rawLines = raw.stdout.split('\n');
    for (const line of captureLines('claude-bash-default').stdout)
      assert.ok(rawLines.includes(line), line.slice(0, 80));
  });

  it('marks Codex and Gemini start-up noise, and shows their tool calls and footers', () => {
    const codex = cli('logs', run('codex', 'codex-retry-500')).stdout;
    assert.match(codex, /^· Reading additional input from stdin\.\.\.$/m);
    assert.match(
      codex,
      /^\$ touch x\.txt\n {2}touch: cannot touch 'x\.txt': Read-only file system\n {2}exit code 1\nrefused: shell `touch x\.txt`$/m,
    );
    assert.match(codex, /^done · 400 in · 40 out · 100 cached$/m);

    const gemini = cli('logs', run('gemini', 'gemini-bash-plan')).stdout;
    assert.match(gemini, /^· Warning: Basic terminal detected/m);
    assert.match(gemini, /^> create x\.txt with touch\nI will create the file\.\n\$ touch x\.txt$/m);
    assert.match(
      gemini,
      /^refused: run_shell_command `touch x\.txt`\nDone\. \(mock saw 3 contents\)\ndone · 600 in · 24 out · 0\.1 s · mock$/m,
    );
  });

  it('--tail N counts transcript lines', () => {
    const id = run('claude', 'claude-r401-retries2');
    const tail = cli('logs', id, '--tail', '3');
    assert.equal(tail.status, 0, tail.stderr);
    const lines = tail.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, tail.stdout);
    assert.deepEqual(lines.slice(0, 2), [
      'error: Invalid API key · Fix external API key',
      'failed · 0 in · 0 out · $0.0000 · 1 turn · 1.9 s',
    ]);
    assert.match(lines[2]!, /^dispatch: the agent exited with code 0/);
    // Captured (not a terminal): no notice, which a reader of both streams would find after the
    // last line, glued to it.
    assert.equal(tail.stderr, '');
  });

  it('--follow renders the transcript as lines arrive, the same as once it ended', async () => {
    const id = cli('delegate', 'gemini-retry-503', '--agent', 'gemini').stdout.trim();
    const follower = spawn(process.execPath, [cliScript, '--workspace', ws, 'logs', id, '--follow'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let followed = '';
    follower.stdout.on('data', (d) => {
      followed += String(d);
    });
    const exited = new Promise<number | null>((resolve) => follower.on('exit', resolve));
    const worker = cli('worker', '--idle-exit', '1');
    assert.equal(worker.status, 0, worker.stderr);
    assert.equal(await exited, 0);
    const after = cli('logs', id).stdout;
    assert.equal(followed, after);
    assert.match(after, /^retrying \(1\): 503 The model is overloaded\. Please try again later\.$/m);
    assert.match(after, /^Done\. \(mock saw 3 contents\)$/m);
  });

  it('never glues dispatch’s closing notice to a last line without a newline', () => {
    const id = cli('delegate', "echo one; printf 'no newline'", '--agent', 'shell').stdout.trim();
    assert.equal(cli('worker', '--idle-exit', '1').status, 0);
    for (const args of [[], ['--tail', '2'], ['--raw']]) {
      const out = cli('logs', id, ...args).stdout;
      assert.match(
        out,
        /no newline\ndispatch: the agent exited with code 0 after [\d.]+ s\n$/,
        `${args}: ${out}`,
      );
    }
  });
});
