import assert from 'node:assert/strict';
import { createVerdictParser } from '../../../../src/engine/agents';
import type { OutputFormat } from '../../../../src/engine/agents/types';

function verdict(format: OutputFormat, lines: (string | object)[]) {
  const parser = createVerdictParser(format);
  for (const line of lines) parser?.line(typeof line === 'string' ? line : JSON.stringify(line));
  return parser?.result();
}

describe('engine/agents/verdicts', () => {
  it('claude: the final result event decides, by is_error', () => {
    const init = { type: 'system', subtype: 'init', session_id: 's1' };
    assert.deepEqual(
      verdict('claude-stream-json', [
        init,
        { type: 'result', subtype: 'success', is_error: false, result: 'done', total_cost_usd: 0.01 },
      ]),
      { isError: false, message: null, sessionId: 's1', costUsd: 0.01 },
    );
    assert.deepEqual(
      verdict('claude-stream-json', [
        init,
        { type: 'result', subtype: 'success', is_error: true, result: 'Not logged in · Please run /login' },
      ]),
      { isError: true, message: 'Not logged in · Please run /login', sessionId: 's1' },
    );
  });

  it('claude: a plain-text login refusal is an error with its own words', () => {
    assert.deepEqual(verdict('claude-stream-json', ['Not logged in · Please run /login']), {
      isError: true,
      message: 'Not logged in · Please run /login',
    });
    assert.equal(verdict('claude-stream-json', ['hello', '{not json']), undefined);
  });

  it('codex: turn.failed and given-up retries are errors, turn.completed is success', () => {
    const started = { type: 'thread.started', thread_id: 'th' };
    assert.deepEqual(verdict('codex-json', [started, { type: 'turn.completed', usage: {} }]), {
      isError: false,
      message: null,
      sessionId: 'th',
    });
    assert.deepEqual(verdict('codex-json', [started, { type: 'turn.failed', error: { message: 'quota' } }]), {
      isError: true,
      message: 'quota',
      sessionId: 'th',
    });
    assert.deepEqual(verdict('codex-json', [{ type: 'error', message: 'Reconnecting... 5/5' }]), {
      isError: true,
      message: 'Reconnecting... 5/5',
    });
  });

  it('gemini: result.status decides', () => {
    assert.deepEqual(
      verdict('gemini-stream-json', [
        { type: 'init', session_id: 'g' },
        { type: 'result', status: 'success', stats: {} },
      ]),
      {
        isError: false,
        message: null,
        sessionId: 'g',
      },
    );
    assert.deepEqual(
      verdict('gemini-stream-json', [
        { type: 'result', status: 'error', error: { message: 'quota exceeded' } },
      ]),
      {
        isError: true,
        message: 'quota exceeded',
      },
    );
  });

  it('has no parser for plain-text agents', () => {
    assert.equal(createVerdictParser('text'), undefined);
  });
});
