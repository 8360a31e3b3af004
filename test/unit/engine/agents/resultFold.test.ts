import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../../src/engine/agents/events';
import { createResultFold } from '../../../../src/engine/agents/resultFold';
import { decodeCapture } from '../../../support/captured';

/** A capture folded as the supervisor folds a run, with the exit code the README records. */
function fold(name: string, exitCode: number) {
  const f = createResultFold();
  for (const { event, stream } of decodeCapture(name)) f.add([event], stream);
  return f.result(exitCode);
}

function foldEvents(events: AgentEvent[], exitCode: number, stream: 'stdout' | 'stderr' = 'stdout') {
  const f = createResultFold();
  f.add(events, stream);
  return f.result(exitCode);
}

describe('engine/agents/resultFold', () => {
  it('claude: summary, session, model, usage, cost, turns, duration and the refused Bash', () => {
    assert.deepEqual(fold('claude-bash-default', 0), {
      isError: false,
      message: null,
      summary: 'Done. (mock saw 4 messages)',
      sessionId: 'eb08bda3-7d48-400a-9003-2fb247a48124',
      model: 'claude-opus-5-5',
      usage: { inputTokens: 240, outputTokens: 34, cachedInputTokens: 0 },
      costUsd: 0.00164,
      turns: 2,
      durationMs: 364,
      denials: [{ tool: 'Bash', detail: 'touch x.txt' }],
    });
  });

  it('codex: the failed sandboxed command is a refusal; tokens, no cost', () => {
    const result = fold('codex-retry-500', 0);
    assert.deepEqual(result?.denials, [{ tool: 'shell', detail: 'touch x.txt' }]);
    assert.deepEqual(result?.usage, { inputTokens: 400, outputTokens: 40, cachedInputTokens: 100 });
    assert.equal(result?.costUsd, undefined);
    assert.equal(result?.isError, false);
  });

  it('gemini: a tool the mode does not offer is a refusal, the run still a success', () => {
    const result = fold('gemini-bash-plan', 0);
    assert.deepEqual(result?.denials, [{ tool: 'run_shell_command', detail: 'touch x.txt' }]);
    assert.equal(result?.isError, false);
    assert.equal(result?.summary, 'Done. (mock saw 3 contents)');
  });

  it('an error verdict keeps the CLI words as the message, and a limit as such', () => {
    assert.equal(fold('claude-r401-retries2', 1)?.message, 'Invalid API key · Fix external API key');
    assert.match(fold('codex-r401', 1)!.message!, /^unexpected status 401 Unauthorized/);
    const usage = fold('claude-oauth-usage', 1)!;
    assert.equal(usage.isError, true);
    assert.deepEqual(usage.limit, {
      message: "You've hit your 5-hour limit · resets 11:50pm (UTC)",
      resetAt: 1796601015000,
    });
    assert.equal(
      fold('codex-drop-retries2', 1)?.message,
      'stream disconnected before completion: error sending request',
    );
  });

  it('without a final event: the last words decide only on a non-zero exit', () => {
    const loggedOut: AgentEvent = { kind: 'text', text: 'Not logged in · Please run /login' };
    assert.deepEqual(foldEvents([loggedOut], 1), {
      isError: true,
      message: 'Not logged in · Please run /login',
    });
    assert.equal(foldEvents([loggedOut], 0), undefined, 'exit 0 and no verdict: nothing to say');
    assert.equal(
      foldEvents([{ kind: 'text', text: 'hi' }], 1, 'stderr'),
      undefined,
      'stderr chatter is not a verdict',
    );
    // A run cut short keeps its session, so a reply can continue it, without a verdict.
    assert.deepEqual(foldEvents([{ kind: 'session', sessionId: 's1', model: 'm' }], 0), {
      isError: false,
      message: null,
      unfinished: true,
      sessionId: 's1',
      model: 'm',
    });
  });

  it('keeps at most 100 refusals', () => {
    const denial: AgentEvent = { kind: 'denial', tool: 'Bash', detail: 'rm x' };
    const result = foldEvents(
      [...Array.from({ length: 150 }, () => denial), { kind: 'result', isError: false }],
      0,
    );
    assert.equal(result?.denials?.length, 100);
  });
});
