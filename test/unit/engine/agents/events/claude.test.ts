// Claude's decoder on every claude-* capture. Each expectation is read off the capture file.
import assert from 'node:assert/strict';
import { createDecoder } from '../../../../../src/engine/agents/events';
import { captureNames, decodeCapture } from '../../../../support/captured';
import { type Outcome, outcome } from './outcome';

const USAGE_2_TURNS = { inputTokens: 240, outputTokens: 34, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
const USAGE_1_TURN = { inputTokens: 120, outputTokens: 17, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
const NO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
const OPUS = 'claude-opus-5-5';
const TOUCH = ['I will create the file.', 'Done. (mock saw 4 messages)'];
const WRITE = ['I will write the file.', 'Done. (mock saw 4 messages)'];
const done4 = (extra: object) => ({
  isError: false,
  summary: 'Done. (mock saw 4 messages)',
  usage: USAGE_2_TURNS,
  costUsd: 0.00164,
  turns: 2,
  model: OPUS,
  ...extra,
});
const apiError = (summary: string, durationMs: number) => ({
  isError: true,
  summary,
  usage: NO_USAGE,
  costUsd: 0,
  turns: 1,
  durationMs,
});

type Expect = Partial<Outcome>;
const R429 =
  'API Error: Request rejected (429) · This request would exceed the rate limit for your organization of 50 input tokens per minute.';

const EXPECTED: Record<string, Expect> = {
  'claude-text': {
    session: '332b4634-de58-4b52-be33-9c373f4cf61a',
    sessionModel: OPUS,
    messages: ['Done. (mock saw 2 messages)'],
    tools: [],
    denials: [],
    result: {
      isError: false,
      summary: 'Done. (mock saw 2 messages)',
      usage: USAGE_1_TURN,
      costUsd: 0.00082,
      turns: 1,
      durationMs: 557,
      model: OPUS,
    },
  },
  'claude-nested': {
    session: 'ce7cfa3b-b46f-4bf1-9138-4fbb968ee716',
    messages: ['Done. (mock saw 2 messages)'],
    result: {
      isError: false,
      summary: 'Done. (mock saw 2 messages)',
      usage: USAGE_1_TURN,
      costUsd: 0.00082,
      turns: 1,
      durationMs: 681,
      model: OPUS,
    },
  },
  'claude-bash-acceptEdits': {
    session: '13eb0148-0337-468f-9473-49de2777cd6b',
    messages: TOUCH,
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: done4({ durationMs: 1073 }),
  },
  'claude-bash-bypassPermissions': {
    session: '1f007013-558c-469f-90b2-c74a822151ee',
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: done4({ durationMs: 399 }),
  },
  'claude-bash-default': {
    session: 'eb08bda3-7d48-400a-9003-2fb247a48124',
    messages: TOUCH,
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [['Bash', 'touch x.txt']],
    result: done4({ durationMs: 364 }),
  },
  // The classifier's model shows in modelUsage too (and its cost in the total); the main model is init's.
  'claude-bash-plan-bash': {
    session: '38a14681-0145-4146-96d4-ebe1a0892552',
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [['Bash', 'touch x.txt']],
    result: done4({ durationMs: 450, costUsd: 0.00192 }),
  },
  'claude-bash-plan-bashallow': {
    session: '5e56890f-e6b7-4ef1-bb21-8d438a6f8d70',
    tools: ['$ touch x.txt'],
    toolResults: [true],
    denials: [],
    result: done4({ durationMs: 1946, costUsd: 0.0017699999999999999 }),
  },
  'claude-bash-plan-noauto': {
    session: '439ac8f0-1fc2-42ab-9eab-d6bc9e8dfd59',
    tools: ['$ touch x.txt'],
    toolResults: [false],
    denials: [['Bash', 'touch x.txt']],
    result: done4({ durationMs: 1531 }),
  },
  'claude-retry-overloaded': {
    session: 'ad8797d9-2dc3-457f-8812-c75943419727',
    retries: [
      [1, 4, '529', 'overloaded'],
      [2, 4, '529', 'overloaded'],
    ],
    tools: ['$ touch x.txt'],
    denials: [['Bash', 'touch x.txt']],
    result: done4({ durationMs: 2859 }),
  },
  // Paths inside the session's cwd are shown relative to it.
  'claude-write-acceptEdits': {
    session: '08a92b9b-21a1-4222-be09-5103b0bc2830',
    messages: WRITE,
    tools: ['write y.txt'],
    toolResults: [true],
    denials: [],
    result: done4({ durationMs: 327 }),
  },
  'claude-write-default': {
    session: '58cd7862-c8c5-42a7-acfa-5459a63fcef2',
    tools: ['write y.txt'],
    toolResults: [false],
    denials: [['Write', 'y.txt']],
    result: done4({ durationMs: 841 }),
  },
  'claude-write-dontAsk': {
    session: '58f4e7e7-6347-4806-bc32-008c25069280',
    tools: ['write y.txt'],
    toolResults: [false],
    denials: [['Write', 'y.txt']],
    result: done4({ durationMs: 2609 }),
  },
  'claude-write-plan': {
    session: 'ce382e34-f4ab-4241-92f2-0e703c442d2e',
    tools: ['write y.txt'],
    toolResults: [false],
    denials: [['Write', 'y.txt']],
    result: done4({ durationMs: 1594 }),
  },
  'claude-resume-first': {
    session: '84fe2d30-7e97-4d0b-849b-2b605ce876b4',
    sessionModel: 'claude-mock-model-1',
    result: {
      isError: false,
      summary: 'Done. (mock saw 2 messages)',
      usage: USAGE_1_TURN,
      costUsd: 0.00082,
      turns: 1,
      durationMs: 227,
      model: 'claude-mock-model-1',
    },
  },
  'claude-resume': {
    session: '84fe2d30-7e97-4d0b-849b-2b605ce876b4',
    sessionModel: 'claude-mock-model-1',
    result: {
      isError: false,
      summary: 'Done. (mock saw 4 messages)',
      usage: USAGE_1_TURN,
      costUsd: 0.00164,
      turns: 1,
      durationMs: 367,
      model: 'claude-mock-model-1',
    },
  },
  // No init: the result's `errors` are the reason.
  'claude-resume-unknown': {
    session: undefined,
    result: {
      isError: true,
      summary: 'No conversation found with session ID: 00000000-0000-4000-8000-000000000000',
      usage: NO_USAGE,
      costUsd: 0,
      turns: 0,
      durationMs: 0,
    },
  },
  // API errors: the synthetic assistant message is the result's text, so it is not repeated as a message.
  'claude-r401': {
    session: '41c05d09-7576-4645-b8f9-109f0ccb31b5',
    messages: [],
    retries: [],
    limits: [],
    result: apiError('Invalid API key · Fix external API key', 524),
  },
  'claude-r401-retries2': {
    retries: [
      [1, 2, '401', 'authentication_failed'],
      [2, 2, '401', 'authentication_failed'],
    ],
    limits: [],
    result: apiError('Invalid API key · Fix external API key', 1917),
  },
  // An API 429 that outlasted Claude's own retries: a rate limit with no reset given (a backoff).
  'claude-r429': {
    messages: [],
    limits: [[R429, undefined, undefined]],
    result: apiError(
      'API Error: Request rejected (429) · This request would exceed the rate limit for your organization of 50 input tokens per minute.',
      246,
    ),
  },
  'claude-r429-retries2': {
    retries: [
      [1, 2, '429', 'rate_limit'],
      [2, 2, '429', 'rate_limit'],
    ],
    limits: [[R429, undefined, undefined]],
    result: apiError(
      'API Error: Request rejected (429) · This request would exceed the rate limit for your organization of 50 input tokens per minute.',
      63776,
    ),
  },
  'claude-overloaded': {
    messages: [],
    limits: [],
    result: apiError(
      'API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:18101).',
      336,
    ),
  },
  'claude-oauth-usage': {
    session: '066646dc-a648-48fc-9d27-b3643ee45269',
    sessionModel: 'claude-sonnet-5-5',
    messages: [],
    limits: [["You've hit your 5-hour limit · resets 11:50pm (UTC)", 1796601015_000, undefined]],
    result: apiError("You've hit your 5-hour limit · resets 11:50pm (UTC)", 645),
  },
  'claude-oauth-usage7d': {
    messages: [],
    limits: [["You've hit your weekly limit · resets Dec 9, 11:50pm (UTC)", 1796860234_000, undefined]],
    result: apiError("You've hit your weekly limit · resets Dec 9, 11:50pm (UTC)", 1792),
  },
  // Exit 1 with an empty stdout: only the stderr line.
  'claude-bash-bypass-noSandbox': { session: undefined, results: 0 },
};

describe('engine/agents/events/claude', () => {
  for (const name of captureNames().filter((n) => n.startsWith('claude-'))) {
    it(`decodes ${name}`, () => {
      const expected = EXPECTED[name];
      assert.ok(expected, `no expectation written for the capture ${name}`);
      const actual = outcome(name);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(actual[key as keyof Outcome], value, `${name}: ${key}`);
      }
      // One verdict per run that printed one.
      if (expected.result) assert.equal(actual.results, 1, `${name}: results`);
    });
  }

  it('reports a refusal once although it shows as permission_denied and in permission_denials', () => {
    const denials = decodeCapture('claude-bash-default').filter((d) => d.event.kind === 'denial');
    assert.equal(denials.length, 1);
    assert.deepEqual(denials[0].event, {
      kind: 'denial',
      tool: 'Bash',
      detail: 'touch x.txt',
      id: 'toolu_mock15',
      reason:
        "touch in '/tmp/agent-run/cb-default/w/x.txt' needs approval. The path is inside the working directories for this session ('/tmp/agent-run/cb-default/w'), and Claude Code asks before a shell command creates, changes or removes files there.",
    });
  });

  it('takes a refusal from permission_denials alone when the system event is missing', () => {
    const decoder = createDecoder('claude-stream-json');
    const events = decoder?.line(
      JSON.stringify({
        is_error: false,
        result: 'ok',
        permission_denials: [{ tool_name: 'Edit', tool_use_id: 't9', tool_input: { file_path: 'src/a.ts' } }],
        type: 'result',
      }),
      'stdout',
    );
    assert.deepEqual(
      events?.map((e) => e.kind),
      ['denial', 'result'],
    );
    assert.deepEqual(events?.[0], { kind: 'denial', tool: 'Edit', detail: 'src/a.ts', id: 't9' });
  });

  it('sums tools up in one line each, whatever the key order', () => {
    const decoder = createDecoder('claude-stream-json');
    const tool = (name: string, input: object) =>
      decoder?.line(
        JSON.stringify({
          message: { content: [{ input, name, id: name, type: 'tool_use' }] },
          type: 'assistant',
        }),
        'stdout',
      )[0];
    assert.deepEqual(tool('Bash', { command: 'npm test' }), {
      kind: 'tool',
      tool: 'Bash',
      summary: '$ npm test',
      id: 'Bash',
    });
    assert.equal((tool('Edit', { file_path: 'src/a.ts' }) as { summary: string }).summary, 'edit src/a.ts');
    assert.equal((tool('MultiEdit', { file_path: 'b.ts' }) as { summary: string }).summary, 'edit b.ts');
    assert.equal((tool('Read', { file_path: 'README.md' }) as { summary: string }).summary, 'read README.md');
    assert.equal((tool('Grep', { pattern: 'TODO' }) as { summary: string }).summary, 'search TODO');
    assert.equal((tool('Glob', { pattern: '**/*.ts' }) as { summary: string }).summary, 'search **/*.ts');
    assert.equal(
      (tool('WebFetch', { url: 'https://x.test' }) as { summary: string }).summary,
      'WebFetch {"url":"https://x.test"}',
    );
  });

  it('keeps plain stdout and stderr lines as text, and reads the older limit line with its epoch', () => {
    const decoder = createDecoder('claude-stream-json');
    assert.deepEqual(decoder?.line('Not logged in · Please run /login', 'stdout'), [
      { kind: 'text', text: 'Not logged in · Please run /login' },
    ]);
    assert.deepEqual(decoder?.line('Claude AI usage limit reached|1796601015', 'stdout'), [
      { kind: 'limit', message: 'Claude AI usage limit reached|1796601015', resetAt: 1796601015_000 },
    ]);
    const stderr = decodeCapture('claude-bash-bypass-noSandbox');
    assert.deepEqual(
      stderr.map((d) => d.event),
      [
        {
          kind: 'text',
          text: '--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons',
        },
      ],
    );
  });
});
