import assert from 'node:assert/strict';
import { agentJson, agentsTable } from '../../../src/cli/agentsFormat';
import type { AgentStatus } from '../../../src/engine/limits/agentsService';

const now = new Date(2026, 11, 6, 14, 0).getTime();
const three = new Date(2026, 11, 6, 15, 0).getTime();
const agent = (over: Partial<AgentStatus>): AgentStatus => ({
  name: 'claude',
  kind: 'built-in',
  available: true,
  why: null,
  pausedUntil: null,
  pauseReason: null,
  running: 0,
  queued: 0,
  paused: 0,
  maxWorkers: null,
  ...over,
});

describe('cli/agentsFormat', () => {
  it('lines the agents up, with why one cannot run and why one is paused', () => {
    const table = agentsTable(
      [
        agent({
          pausedUntil: three,
          pauseReason: 'usage-limit: resets 3pm',
          queued: 2,
          paused: 1,
          maxWorkers: 2,
        }),
        agent({ name: 'codex', available: false, why: 'codex is not installed' }),
        agent({ name: 'mine', kind: 'custom', running: 1 }),
      ],
      now,
    );
    assert.equal(
      table,
      [
        'AGENT   RUNS HERE  RUNNING  QUEUED  PAUSED  CAP  PAUSED UNTIL',
        'claude  yes        0        2       1       2    15:00',
        '  usage-limit: resets 3pm',
        'codex   no         0        0       0       -    -',
        '  codex is not installed',
        'mine    yes        1        0       0       -    -',
      ].join('\n'),
    );
  });

  it('gives scripts ISO times and every field', () => {
    assert.deepEqual(agentJson(agent({ pausedUntil: three })), {
      name: 'claude',
      kind: 'built-in',
      available: true,
      why: null,
      pausedUntil: new Date(three).toISOString(),
      pauseReason: null,
      running: 0,
      queued: 0,
      paused: 0,
      maxWorkers: null,
    });
  });
});
