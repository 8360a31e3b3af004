// Codex's decoder on every codex-* capture. Each expectation is read off the capture file.
import assert from 'node:assert/strict';
import { createDecoder } from '../../../../../src/engine/agents/events';
import { unwrapShell } from '../../../../../src/engine/agents/events/codex';
import { captureNames, decodeCapture } from '../../../../support/captured';
import { type Outcome, outcome } from './outcome';

const U400 = { inputTokens: 400, outputTokens: 40, cachedInputTokens: 100, cacheWriteInputTokens: 0 };
const U200 = { inputTokens: 200, outputTokens: 20, cachedInputTokens: 50, cacheWriteInputTokens: 0 };
const TOUCH = ['I will create the file.', 'Done. (mock saw 7 input items)'];
const failed = (summary: string) => ({ isError: true, summary });

const EXPECTED: Record<string, Partial<Outcome>> = {
  'codex-text': {
    session: '01a24d20-f239-7353-b75e-c1ae152d2ec5',
    messages: ['Done. (mock saw 4 input items)'],
    tools: [],
    result: { isError: false, summary: 'Done. (mock saw 4 input items)', usage: U200 },
  },
  'codex-model': {
    session: '01a24d23-05d8-7630-ab81-62a31f877949',
    sessionModel: undefined,
    result: { isError: false, summary: 'Done. (mock saw 4 input items)', usage: U200 },
  },
  // The sandbox refusal left no command item here: nothing to report (never guessed from absence).
  'codex-bash-read-only': {
    session: '01a24d21-0df3-7c61-8819-b06870a03af8',
    messages: TOUCH,
    tools: [],
    denials: [],
    result: { isError: false, summary: 'Done. (mock saw 7 input items)', usage: U400 },
  },
  'codex-bash-workspace-write': {
    session: '01a24d21-12a9-77c2-8100-421461c676d4',
    messages: TOUCH,
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: { isError: false, summary: 'Done. (mock saw 7 input items)', usage: U400 },
  },
  'codex-bash-bypass': {
    session: '01a24d21-16ea-77d3-b6a3-6936d64ac5b8',
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: { isError: false, summary: 'Done. (mock saw 7 input items)', usage: U400 },
  },
  // Here the read-only failure did come as a failed command item: a refusal.
  'codex-retry-500': {
    session: '01a24d21-b6b3-7fb1-9d9a-a283b59d9f2f',
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [['shell', 'touch x.txt']],
    retries: [],
    result: { isError: false, summary: 'Done. (mock saw 7 input items)', usage: U400 },
  },
  'codex-resume-first': {
    session: '01a24d21-4209-7131-8382-67584e0a184f',
    result: { isError: false, summary: 'Done. (mock saw 4 input items)', usage: U200 },
  },
  'codex-resume-a': {
    session: '01a24d21-4209-7131-8382-67584e0a184f',
    result: { isError: false, summary: 'Done. (mock saw 7 input items)', usage: U400 },
  },
  'codex-resume-c': {
    session: '01a24d21-4209-7131-8382-67584e0a184f',
    result: {
      isError: false,
      summary: 'Done. (mock saw 13 input items)',
      usage: { inputTokens: 800, outputTokens: 80, cachedInputTokens: 200, cacheWriteInputTokens: 0 },
    },
  },
  'codex-resume-unknown': { session: undefined, results: 0 },
  'codex-drop-retries2': {
    session: '01a24d21-ce71-7b42-a722-513072759372',
    retries: [
      [1, 2, undefined, 'stream disconnected before completion: error sending request'],
      [2, 2, undefined, 'stream disconnected before completion: error sending request'],
    ],
    limits: [],
    result: failed('stream disconnected before completion: error sending request'),
  },
  'codex-r401': {
    limits: [],
    retries: [],
    result: failed(
      'unexpected status 401 Unauthorized: Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys., url: http://127.0.0.1:18102/r401/v1/responses, request id: req_mockerr',
    ),
  },
  // A 429 that outlasted Codex's retries: a rate limit with no reset given (a backoff).
  'codex-r429': {
    limits: [
      [
        'exceeded retry limit, last status: 429 Too Many Requests, request id: req_mockerr',
        undefined,
        undefined,
      ],
    ],
    result: failed('exceeded retry limit, last status: 429 Too Many Requests, request id: req_mockerr'),
  },
  'codex-quota': {
    limits: [['Quota exceeded. Check your plan and billing details.', undefined, undefined]],
    result: failed('Quota exceeded. Check your plan and billing details.'),
  },
  'codex-usage': {
    limits: [
      [
        'You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again at 11:22 PM.',
        undefined,
        '11:22 PM',
      ],
    ],
    result: failed(
      'You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again at 11:22 PM.',
    ),
  },
  'codex-usage7d': {
    limits: [
      [
        'You’ve hit your usage limit. Visit https://chatgpt.com/settings/usage to purchase more credits or try again at Dec 9th, 2026 11:23 PM.',
        undefined,
        'Dec 9th, 2026 11:23 PM',
      ],
    ],
    result: failed(
      'You’ve hit your usage limit. Visit https://chatgpt.com/settings/usage to purchase more credits or try again at Dec 9th, 2026 11:23 PM.',
    ),
  },
  'codex-usagefree': {
    limits: [
      [
        'You’ve hit your usage limit. Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again at Dec 9th, 2026 11:23 PM.',
        undefined,
        'Dec 9th, 2026 11:23 PM',
      ],
    ],
    result: failed(
      'You’ve hit your usage limit. Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again at Dec 9th, 2026 11:23 PM.',
    ),
  },
};

describe('engine/agents/events/codex', () => {
  for (const name of captureNames().filter((n) => n.startsWith('codex-'))) {
    it(`decodes ${name}`, () => {
      const expected = EXPECTED[name];
      assert.ok(expected, `no expectation written for the capture ${name}`);
      const actual = outcome(name);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(actual[key as keyof Outcome], value, `${name}: ${key}`);
      }
      if (expected.result) assert.equal(actual.results, 1, `${name}: results`);
    });
  }

  it('marks the stdin notice as noise, model warnings as warnings, and keeps other stderr as text', () => {
    const text = decodeCapture('codex-text').map((d) => d.event);
    assert.deepEqual(
      text.filter((e) => e.kind === 'noise'),
      [{ kind: 'noise', text: 'Reading additional input from stdin...' }],
    );
    assert.deepEqual(
      text.filter((e) => e.kind === 'text'),
      [
        {
          kind: 'text',
          level: 'warning',
          text: 'Model metadata for `mock-model` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.',
        },
      ],
    );
    assert.deepEqual(
      decodeCapture('codex-resume-unknown').map((d) => d.event),
      [
        {
          kind: 'text',
          text: 'Error: thread/resume: thread/resume failed: no rollout found for thread id 01a24d21-0000-7000-8000-000000000000 (code -32600)',
        },
      ],
    );
  });

  it('reports a failed command with its exit code and the sandbox refusal with its words', () => {
    const events = decodeCapture('codex-retry-500').map((d) => d.event);
    assert.deepEqual(
      events.find((e) => e.kind === 'toolResult'),
      {
        kind: 'toolResult',
        ok: false,
        id: 'item_2',
        text: "touch: cannot touch 'x.txt': Read-only file system\nexit code 1",
      },
    );
    assert.deepEqual(
      events.find((e) => e.kind === 'denial'),
      {
        kind: 'denial',
        tool: 'shell',
        detail: 'touch x.txt',
        id: 'item_2',
        reason: "touch: cannot touch 'x.txt': Read-only file system",
      },
    );
  });

  it('announces a command once whether or not it was seen starting', () => {
    const decoder = createDecoder('codex-json');
    const completed = {
      item: {
        id: 'i1',
        type: 'command_execution',
        command: 'ls',
        aggregated_output: 'a\n',
        exit_code: 0,
        status: 'completed',
      },
      type: 'item.completed',
    };
    assert.deepEqual(
      decoder?.line(JSON.stringify(completed), 'stdout').map((e) => e.kind),
      ['tool', 'toolResult'],
    );
  });

  it('unwraps the shell Codex runs commands in', () => {
    assert.equal(unwrapShell("/bin/bash -lc 'touch x.txt'"), 'touch x.txt');
    assert.equal(unwrapShell(`/bin/bash -lc 'echo '\\''hi'\\'''`), "echo 'hi'");
    assert.equal(unwrapShell('bash -lc "npm test"'), 'npm test');
    assert.equal(unwrapShell('git status'), 'git status');
  });
});
