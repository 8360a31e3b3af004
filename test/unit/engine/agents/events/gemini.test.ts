// Gemini's decoder on every gemini-* capture. Each expectation is read off the capture file.
import assert from 'node:assert/strict';
import { createDecoder } from '../../../../../src/engine/agents/events';
import { captureNames, decodeCapture } from '../../../../support/captured';
import { type Outcome, outcome } from './outcome';

const U900 = { inputTokens: 900, outputTokens: 36, cachedInputTokens: 0 };
const U600 = { inputTokens: 600, outputTokens: 24, cachedInputTokens: 0 };
const U300 = { inputTokens: 300, outputTokens: 12, cachedInputTokens: 0 };
const NONE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
const DONE3 = 'Done. (mock saw 3 contents)';
const ok = (summary: string, usage: object, durationMs: number) => ({
  isError: false,
  summary,
  usage,
  durationMs,
  model: 'mock',
});
// After an error the routing and main models are both listed with zero tokens: the main one is last.
const failed = (summary: string) => ({
  isError: true,
  summary,
  usage: NONE,
  durationMs: 0,
  model: 'gemini-3.1-pro-preview',
});
const notFound = (tool: string): [string, string] => [
  tool,
  tool === 'write_file' ? '/tmp/agent-run/gw-default/w/y.txt' : 'touch x.txt',
];
const QUOTA_DAILY =
  '[API Error: You have exhausted your daily quota on this model.]\nPlease wait and try again later. To increase your limits, request a quota increase through AI Studio, or switch to another /auth method';
const QUOTA_MINUTE =
  '[API Error: You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit. \n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 2, model: gemini-3.1-pro-preview\nPlease retry in 2.5s.\nSuggested retry after 2s.]\nPlease wait and try again later. To increase your limits, request a quota increase through AI Studio, or switch to another /auth method';
const QUOTA_ATTEMPT =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit.';

const EXPECTED: Record<string, Partial<Outcome>> = {
  // Streamed pieces are kept as they came; the summary joins the last ones.
  'gemini-text': {
    session: 'ecf7ceb6-05e0-49ef-bfb7-560e4de4351a',
    sessionModel: undefined,
    messages: ['Done. ', '(mock saw 1 contents)'],
    result: ok('Done. (mock saw 1 contents)', U600, 236),
  },
  'gemini-noise-truecolor': {
    session: '37182030-393f-4fef-96ca-56bf52415e1e',
    result: ok('Done. (mock saw 1 contents)', U600, 479),
  },
  'gemini-bash-plan': {
    session: 'b2a11259-0a86-48de-b9b6-3df0e7441329',
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [notFound('run_shell_command')],
    result: ok(DONE3, U600, 126),
  },
  'gemini-bash-default': {
    session: 'fcfa88e7-e45f-40a7-9c11-a553aa2cefd7',
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [notFound('run_shell_command')],
    result: ok(DONE3, U900, 292),
  },
  'gemini-bash-auto_edit': {
    session: '197e15dd-e879-4a99-a579-383af2c675df',
    messages: ['I will create the file.', 'Done. ', '(mock saw 3 contents)'],
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [notFound('run_shell_command')],
    result: ok(DONE3, U900, 201),
  },
  'gemini-bash-yolo': {
    session: '31b9f94e-3112-4b70-bafb-a95fe28bbe9c',
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: ok(DONE3, U900, 437),
  },
  'gemini-write-default': {
    session: '9c0f50d9-0628-4f81-a30e-fd2f1fed9185',
    tools: ['write /tmp/agent-run/gw-default/w/y.txt'],
    toolResults: [false],
    denials: [notFound('write_file')],
    result: ok(DONE3, U900, 781),
  },
  'gemini-write-auto_edit': {
    session: '623b2f85-808a-485c-91e7-de1ca4a8584b',
    tools: ['write /tmp/agent-run/gw-auto_edit/w/y.txt'],
    toolResults: [true],
    denials: [],
    result: ok(DONE3, U900, 1343),
  },
  // Plan mode refuses a write outside its plans folder as invalid params, "Access denied: …".
  'gemini-write-plan': {
    session: '8039c98e-b985-4c9f-8cb9-cf3cae99e380',
    toolResults: [false],
    denials: [['write_file', '/tmp/agent-run/gw-plan/w/y.txt']],
    result: ok(DONE3, U600, 981),
  },
  'gemini-resume-first': {
    session: '1dcec1c2-e6c1-4060-9394-cee595e4d082',
    sessionModel: 'gemini-mock-model-1',
    result: ok('Done. (mock saw 1 contents)', U300, 309),
  },
  'gemini-resume': {
    session: '1dcec1c2-e6c1-4060-9394-cee595e4d082',
    sessionModel: 'gemini-mock-model-1',
    result: ok(DONE3, U300, 546),
  },
  'gemini-resume-unknown': { session: undefined, results: 0 },
  'gemini-retry-503': {
    session: 'a0ccf23d-7afa-4044-8212-8f607881ff5f',
    retries: [
      [1, undefined, '503', 'The model is overloaded. Please try again later.'],
      [2, undefined, '503', 'The model is overloaded. Please try again later.'],
    ],
    denials: [notFound('run_shell_command')],
    result: ok(DONE3, U900, 17633),
  },
  'gemini-r429': {
    session: '10191150-bbc1-4c2b-8120-a4729f91d277',
    // Attempts 1-4 of the routing call said "Retrying after …"; attempt 5 and the main call's attempt 1 gave up.
    retries: [1, 2, 3, 4].map((n) => [n, undefined, undefined, QUOTA_ATTEMPT]),
    limits: [[QUOTA_MINUTE, undefined, 'in 2.5s']],
    result: failed(QUOTA_MINUTE),
  },
  'gemini-daily': {
    session: '444f7c81-269a-49c9-9e40-b7db8480917b',
    retries: [],
    limits: [[QUOTA_DAILY, undefined, undefined]],
    result: failed(QUOTA_DAILY),
  },
  'gemini-r401': {
    limits: [],
    result: failed(
      '[API Error: {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}]',
    ),
  },
  'gemini-r401real': {
    limits: [],
    result: failed(
      '[API Error: {"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.","status":"UNAUTHENTICATED"}}]',
    ),
  },
};

describe('engine/agents/events/gemini', () => {
  for (const name of captureNames().filter((n) => n.startsWith('gemini-'))) {
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

  it('marks the start-up warnings, YOLO notices, repeated tool errors and stack frames as noise', () => {
    const kinds = (name: string) =>
      decodeCapture(name)
        .filter((d) => d.stream === 'stderr')
        .map((d) => d.event.kind);
    assert.deepEqual(kinds('gemini-text'), ['noise', 'noise']);
    assert.deepEqual(kinds('gemini-bash-yolo'), ['noise', 'noise', 'noise', 'noise']);
    assert.deepEqual(kinds('gemini-bash-default'), ['noise', 'noise', 'noise']);
    const retry = decodeCapture('gemini-retry-503').filter((d) => d.stream === 'stderr');
    // Two retry notices, each with 10 stack frames and `status: 503` / `}` lines, then the tool error.
    assert.equal(retry.filter((d) => d.event.kind === 'retry').length, 2);
    assert.equal(retry.filter((d) => d.event.kind === 'noise').length, 2 + 20 + 1);
    assert.deepEqual(
      retry.filter((d) => d.event.kind === 'text').map((d) => (d.event as { text: string }).text),
      ['  status: 503', '}', '  status: 503', '}'],
    );
  });

  it('lets a notice that gave up through as text, and an unresolved one at the end', () => {
    const decoder = createDecoder('gemini-stream-json');
    assert.deepEqual(decoder?.line('Attempt 5 failed: quota', 'stderr'), []);
    assert.deepEqual(decoder?.line('Suggested retry after 2s.. Max attempts reached', 'stderr'), [
      { kind: 'text', text: 'Attempt 5 failed: quota' },
      { kind: 'text', text: 'Suggested retry after 2s.. Max attempts reached' },
    ]);
    assert.deepEqual(decoder?.line('Attempt 1 failed: quota', 'stderr'), []);
    assert.deepEqual(decoder?.end(), [{ kind: 'text', text: 'Attempt 1 failed: quota' }]);
  });

  it('keeps the session id and the refusal words of a tool the mode does not offer', () => {
    const denial = decodeCapture('gemini-bash-plan').find((d) => d.event.kind === 'denial')?.event;
    assert.deepEqual(denial, {
      kind: 'denial',
      tool: 'run_shell_command',
      detail: 'touch x.txt',
      id: 'run_shell_command__run_shell_command_1796590492630_0',
      reason:
        'Tool "run_shell_command" not found. Did you mean one of: "update_topic", "grep_search", "replace"?',
    });
  });
});
