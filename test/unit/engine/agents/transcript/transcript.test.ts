// Transcripts of the real CLIs' captured output, and of hand-made logs for the edges.
import assert from 'node:assert/strict';
import {
  createTranscript,
  type TranscriptLine,
  transcriptOf,
} from '../../../../../src/engine/agents/transcript';
import { abridge, footer } from '../../../../../src/engine/agents/transcript/words';
import { captureLines, captureNames, formatOf } from '../../../../support/captured';

/** The capture's transcript: stdout, then stderr (the files do not keep their interleaving). */
function transcript(name: string): TranscriptLine[] {
  const { stdout, stderr } = captureLines(name);
  return transcriptOf(formatOf(name), [
    ...stdout.map((text) => ({ text, stream: 'stdout' as const })),
    ...stderr.map((text) => ({ text, stream: 'stderr' as const })),
  ]);
}
const texts = (lines: TranscriptLine[]) => lines.map((l) => l.text);

describe('engine/agents/transcript', () => {
  it('claude: messages, the tool call, the refusal, its reason and the footer', () => {
    assert.deepEqual(texts(transcript('claude-bash-default')), [
      'session eb08bda3-7d48-400a-9003-2fb247a48124 · claude-opus-5-5',
      'I will create the file.',
      '$ touch x.txt',
      'refused: Bash `touch x.txt`',
      "  touch in '/tmp/agent-run/cb-default/w/x.txt' needs approval. The path is inside the working directories for this session ('/tmp/agent-run/cb-default/w'), and Claude Code asks before a shell command creates, changes or removes files there.",
      // The final message is the last message: not repeated.
      'Done. (mock saw 4 messages)',
      'done · 240 in · 34 out · $0.0016 · 2 turns · 0.4 s · claude-opus-5-5',
    ]);
    assert.deepEqual(
      transcript('claude-bash-default').map((l) => l.kind),
      ['session', 'message', 'tool', 'denial', 'toolResult', 'message', 'footer'],
    );
  });

  it('claude: retries as they happened, the error once, and a limit in its own words', () => {
    assert.deepEqual(texts(transcript('claude-r401-retries2')).slice(1), [
      'retrying (1/2): 401 authentication_failed',
      'retrying (2/2): 401 authentication_failed',
      'error: Invalid API key · Fix external API key',
      'failed · 0 in · 0 out · $0.0000 · 1 turn · 1.9 s',
    ]);
    assert.deepEqual(texts(transcript('claude-oauth-usage')).slice(1), [
      "limit: You've hit your 5-hour limit · resets 11:50pm (UTC)",
      'failed · 0 in · 0 out · $0.0000 · 1 turn · 0.6 s',
    ]);
  });

  it('codex: the command without its shell wrapper, its failure, the refusal; stdin notice as noise', () => {
    const lines = transcript('codex-retry-500');
    assert.deepEqual(texts(lines), [
      'session 01a24d21-b6b3-7fb1-9d9a-a283b59d9f2f',
      'warning: Model metadata for `mock-model` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.',
      'I will create the file.',
      '$ touch x.txt',
      "  touch: cannot touch 'x.txt': Read-only file system",
      '  exit code 1',
      'refused: shell `touch x.txt`',
      'Done. (mock saw 7 input items)',
      'done · 400 in · 40 out · 100 cached',
      'Reading additional input from stdin...',
    ]);
    assert.deepEqual(lines.at(-1), {
      kind: 'noise',
      stream: 'stderr',
      text: 'Reading additional input from stdin...',
    });
  });

  it('codex: reconnects as retries, then the error once', () => {
    assert.deepEqual(texts(transcript('codex-drop-retries2')).slice(2, -1), [
      'retrying (1/2): stream disconnected before completion: error sending request',
      'retrying (2/2): stream disconnected before completion: error sending request',
      'error: stream disconnected before completion: error sending request',
      'failed',
    ]);
  });

  it('gemini: streamed pieces joined into one message, the prompt echoed, start-up warnings as noise', () => {
    const lines = transcript('gemini-text');
    assert.deepEqual(texts(lines.filter((l) => l.stream === 'stdout')), [
      'session ecf7ceb6-05e0-49ef-bfb7-560e4de4351a',
      '> say hi',
      'Done. (mock saw 1 contents)',
      'done · 600 in · 24 out · 0.2 s · mock',
    ]);
    assert.deepEqual(
      lines.filter((l) => l.stream === 'stderr').map((l) => l.kind),
      ['noise', 'noise'],
    );
  });

  it('never shows a structured agent as raw JSON; one footer per run that ended with a verdict', () => {
    for (const name of captureNames()) {
      const lines = transcript(name);
      for (const line of lines)
        assert.ok(!line.text.includes('{"type"'), `${name}: ${line.text.slice(0, 80)}`);
      const results = captureLines(name).stdout.filter((l) =>
        /"type":"(result|turn\.completed|turn\.failed)"/.test(l),
      ).length;
      assert.equal(lines.filter((l) => l.kind === 'footer').length, results, name);
    }
  });

  it('a plain-text agent keeps its lines unchanged, each with its stream', () => {
    assert.deepEqual(
      transcriptOf('text', [
        { text: '{"type":"result"}', stream: 'stdout' },
        { text: 'oops', stream: 'stderr' },
      ]),
      [
        { kind: 'text', stream: 'stdout', text: '{"type":"result"}' },
        { kind: 'text', stream: 'stderr', text: 'oops' },
      ],
    );
  });

  it('from raw chunks: a partial line waits for its newline, streams are split apart, notices are marked', () => {
    const t = createTranscript('claude-stream-json');
    const out = (stream: 'stdout' | 'stderr' | 'system', text: string) => ({
      stream,
      data: Buffer.from(text),
    });
    assert.deepEqual(
      t.chunks([out('stdout', '{"type":"assistant","message":{"content":[{"type":"text",')]),
      [],
    );
    assert.deepEqual(t.chunks([out('stderr', 'warn\n'), out('stdout', '"text":"hello"}]}}\n')]), [
      { kind: 'text', stream: 'stderr', text: 'warn' },
      { kind: 'message', stream: 'stdout', text: 'hello' },
    ]);
    assert.deepEqual(t.chunks([out('system', 'dispatch: the agent exited with code 0 after 1.0 s\n')]), [
      { kind: 'system', stream: 'system', text: 'dispatch: the agent exited with code 0 after 1.0 s' },
    ]);
    assert.deepEqual(t.chunks([out('stdout', 'no newline')]), []);
    assert.deepEqual(t.end(), [{ kind: 'text', stream: 'stdout', text: 'no newline' }]);
  });

  it('abridges long tool results to their first and last lines', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
    assert.deepEqual(abridge(ten), ['line 1', 'line 2', 'line 3', '… 5 more lines', 'line 9', 'line 10']);
    assert.deepEqual(abridge('a\nb\n'), ['a', 'b']);
    assert.deepEqual(abridge(''), []);
    assert.equal(abridge('x'.repeat(1000))[0].length, 240);
  });

  it('writes the footer with thousands, cost, turns and time', () => {
    assert.equal(
      footer({
        kind: 'result',
        isError: false,
        usage: { inputTokens: 12345, outputTokens: 678, cachedInputTokens: 9000 },
        costUsd: 0.0123,
        turns: 4,
        durationMs: 23_400,
      }),
      'done · 12,345 in · 678 out · 9,000 cached · $0.0123 · 4 turns · 23.4 s',
    );
    assert.equal(footer({ kind: 'result', isError: true, durationMs: 125_000 }), 'failed · 2m 05s');
  });
});
